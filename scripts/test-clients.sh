#!/usr/bin/env bash
# Runs the Python, Go, Node and Java client suites (offline checks + smoke tests
# against a running stack) in their own runners, then prints one line:
#   clients: N passed, N failed
# Needs KAPSO_OPS_ADDR and KAPSO_SANDBOX_URL (docs/contracts.md). When both are unset
# and scripts/stack.sh plus the binaries exist, it starts a stack of its own and stops it.
# Without a stack the Python, Go and Node smoke tests fail; Java's skip (so that `mvn install`
# needs no stack), and with a stack a skipped Java test counts as failed.
# Exit status non-zero on any failure.
#   scripts/test-clients.sh [python] [go] [node] [java]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
langs=("$@")
((${#langs[@]})) || langs=(python go node java)
LOG="$(mktemp -d)"
STACK_DIR=""
cleanup() {
  [ -n "$STACK_DIR" ] && scripts/stack.sh stop "$STACK_DIR" >/dev/null 2>&1
  rm -rf "$LOG"
}
trap cleanup EXIT

if [ -z "${KAPSO_OPS_ADDR:-}" ] && [ -x scripts/stack.sh ] \
   && [ -x bazel-bin/service/kapso_ops_server ] && [ -x bazel-bin/sandbox/kapso_sandbox ]; then
  STACK_DIR="$LOG/stack"
  mkdir -p "$STACK_DIR"
  if scripts/stack.sh start "$STACK_DIR" >"$LOG/stack.log" 2>&1; then
    set -a; . "$STACK_DIR/env"; set +a
    echo "test-clients: started a stack: $KAPSO_OPS_ADDR, sandbox $KAPSO_SANDBOX_URL"
  else
    cat "$LOG/stack.log" >&2
    STACK_DIR=""
  fi
fi
[ -n "${KAPSO_OPS_ADDR:-}" ] || echo "test-clients: KAPSO_OPS_ADDR is not set: the smoke tests will fail" >&2

total_pass=0
total_fail=0
add() { total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); }

run_python() {
  echo "== python (pytest)"
  (cd clients/python && "$ROOT/.venv/bin/python" -m pytest -p no:cacheprovider 2>&1) | tee "$LOG/py"
  local rc=${PIPESTATUS[0]} line p f e
  line="$(grep -E '^=*\s*[0-9]+ (passed|failed|error)|(passed|failed|errors?) in ' "$LOG/py" | tail -1)"
  p="$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  f="$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  e="$(grep -oE '[0-9]+ errors?' <<<"$line" | grep -oE '[0-9]+' || echo 0)"
  f=$((f + e)); ((rc != 0 && f == 0)) && f=1
  add "$p" "$f"
  echo "== python (mypy --strict of the package)"
  if (cd clients/python && "$ROOT/.venv/bin/mypy" --cache-dir=/dev/null src/kapso_ops); then add 1 0; else add 0 1; fi
}

run_go() {
  echo "== go (go test)"
  (cd clients/go && go test -count=1 -v ./... 2>&1) > "$LOG/go"
  local rc=$? p f
  # Print what `go test` prints without -v: failures with their output, and package lines.
  grep -vE '^(=== RUN|--- PASS|PASS$)' "$LOG/go" | grep -vE '^\s*$'
  p="$(grep -cE '^--- PASS' "$LOG/go")"
  f="$(grep -cE '^--- FAIL' "$LOG/go")"
  ((rc != 0 && f == 0)) && f=1
  add "$p" "$f"
}

run_node() {
  echo "== node (node --test)"
  local p f rc
  if ! (cd clients/node && node_modules/.bin/tsc -p tsconfig.json 2>&1); then add 0 1; return; fi
  (cd clients/node && node --test --test-reporter=spec dist/test/ 2>&1) | tee "$LOG/node"
  rc=${PIPESTATUS[0]}
  p="$(grep -oE '^ℹ pass [0-9]+' "$LOG/node" | grep -oE '[0-9]+$' || echo 0)"
  f="$(grep -oE '^ℹ fail [0-9]+' "$LOG/node" | grep -oE '[0-9]+$' || echo 0)"
  ((rc != 0 && f == 0)) && f=1
  add "$p" "$f"
}

run_java() {
  echo "== java (mvn test)"
  local offline=() rc t=0 fl=0 er=0 sk=0 x
  [ -f .cache/setup-stamps/java ] && offline=(-o)
  rm -rf clients/java/target/surefire-reports
  (cd clients/java && mvn -q -B -Dstyle.color=never "${offline[@]}" test >"$LOG/java" 2>&1)
  rc=$?
  sed 's/\x1b\[[0-9;]*m//g' "$LOG/java" | grep -vE '^\[ERROR\] *($|To see|Re-run|For more|\[Help|See |-> \[Help)|^$'
  for x in clients/java/target/surefire-reports/TEST-*.xml; do
    [ -f "$x" ] || continue
    read -r a b c d < <(python3 - "$x" <<'PY'
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot()
print(s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped"))
PY
)
    t=$((t + a)); fl=$((fl + b)); er=$((er + c)); sk=$((sk + d))
  done
  echo "[java] Tests run: $t, Failures: $fl, Errors: $er, Skipped: $sk"
  local f=$((fl + er))
  # The smoke tests skip only without a stack; with one, a skip is a failure.
  [ -n "${KAPSO_OPS_ADDR:-}" ] && f=$((f + sk))
  ((rc != 0 && f == 0)) && f=1
  add "$((t - fl - er - sk))" "$f"
}

for l in "${langs[@]}"; do
  case "$l" in
    python|go|node|java) "run_$l" ;;
    *) echo "test-clients: unknown language $l" >&2; add 0 1 ;;
  esac
done

echo "clients: $total_pass passed, $total_fail failed"
((total_fail == 0))
