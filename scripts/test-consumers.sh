#!/usr/bin/env bash
# Consumer tests of the packaged clients: for each language a new project in a temp dir
# (outside clients/) installs the artifact of scripts/package-clients.sh exactly as
# clients/README.md says, passes the strictest usual check (mypy --strict, tsc --strict,
# go vet, maven-enforcer) and runs tests/consumers/<lang> against the stack
# (overview, a decoded NOT_FOUND, paging to the end). Python also resolves and runs on
# protobuf 5 and 6; Node on @grpc/grpc-js 1.13. Ends with `consumers: N passed, N failed`.
# Needs KAPSO_OPS_ADDR (scripts/stack.sh start DIR; set -a; . DIR/env; set +a).
#   scripts/test-consumers.sh [python] [go] [node] [java]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
langs=("$@")
((${#langs[@]})) || langs=(python go node java)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DIST="$WORK/dist"
SRC="$ROOT/tests/consumers"
passed=0; failed=0
step() {  # NAME COMMAND...: one counted check, its output indented, its time shown
  local t0=$SECONDS
  if "${@:2}" >"$WORK/step.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $1 ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); echo "FAIL $1 ($((SECONDS - t0)) s)"; tail -n 30 "$WORK/step.log" | sed 's/^/     /'
  fi
}
[ -n "${KAPSO_OPS_ADDR:-}" ] || echo "test-consumers: KAPSO_OPS_ADDR is not set: the programs will fail" >&2

py_venv() {  # DIR PIP-ARGS...: a venv with the wheel installed as the README says
  python3 -m venv "$1" && "$1/bin/pip" install -q --disable-pip-version-check "${@:2}"
}
export -f py_venv
test_python() {
  local whl d="$WORK/py"
  whl="$(ls "$DIST"/python/kapso_ops-*.whl)"
  mkdir -p "$d" && cp "$SRC/python/consumer.py" "$SRC/python/wrong_type.py" "$d/"
  step "python: pip install wheel[typing] + mypy" py_venv "$d/venv" "$whl[typing]" mypy==2.4.1
  step "python: mypy --strict" bash -c "cd '$d' && venv/bin/mypy --strict consumer.py"
  step "python: mypy --strict rejects a wrong result type (stubs are typed)" bash -c \
    "cd '$d' && ! venv/bin/mypy --strict wrong_type.py >mypy-wrong.out; cat mypy-wrong.out; grep -q 'ProjectOverview' mypy-wrong.out"
  step "python: overview, decoded error, paging (sync + asyncio)" "$d/venv/bin/python" "$d/consumer.py"
  for pb in 5 6; do
    step "python: resolves and runs on protobuf $pb" bash -c \
      "py_venv '$d/pb$pb' '$whl' 'protobuf>=$pb,<$((pb + 1))' && '$d/pb$pb/bin/python' '$d/consumer.py'"
  done
}

test_node() {
  local tgz d="$WORK/node"
  tgz="$(ls "$DIST"/node/kapso-ops-client-*.tgz)"
  mkdir -p "$d" && cp "$SRC/node/"{consumer.ts,wrong-type.ts,tsconfig.json,tsconfig.wrong.json} "$d/"
  local npmi=(npm install --no-audit --no-fund --loglevel=error)
  step "node: npm install tarball + @grpc/grpc-js" bash -c "cd '$d' && npm init -y >/dev/null && \
    ${npmi[*]} '$tgz' @grpc/grpc-js@^1.14 typescript@7.0.2 @types/node@20.19.43"
  step "node: tsc --strict" bash -c "cd '$d' && node_modules/.bin/tsc -p tsconfig.json"
  step "node: tsc --strict rejects a wrong result type (methods are typed)" bash -c \
    "cd '$d' && ! node_modules/.bin/tsc -p tsconfig.wrong.json >tsc-wrong.out; cat tsc-wrong.out; grep -q 'ProjectOverview' tsc-wrong.out"
  step "node: overview, decoded error, paging" node "$d/out/consumer.js"
  step "node: runs on @grpc/grpc-js 1.13" bash -c "cd '$d' && ${npmi[*]} @grpc/grpc-js@~1.13.0 && \
    node -e 'console.log(require(\"@grpc/grpc-js/package.json\").version)' | grep -q '^1\.13\.' && node out/consumer.js"
}

test_go() {
  local d="$WORK/go"
  mkdir -p "$d" && cp "$SRC/go/main.go" "$d/"
  step "go: replace + go mod tidy" bash -c "cd '$d' && go mod init example.com/consumer >/dev/null 2>&1 && \
    go mod edit -go=1.23.0 -replace github.com/kapso-ops/kapso-ops/clients/go='$DIST/go' && go mod tidy"
  step "go: go vet" bash -c "cd '$d' && go vet ./..."
  step "go: overview, decoded error, paging" bash -c "cd '$d' && go run ."
  mkdir -p "$d-work" && cp "$SRC/go/main.go" "$d-work/"
  step "go: the go.work way builds too" bash -c "cd '$d-work' && go mod init example.com/consumer >/dev/null 2>&1 && \
    go mod edit -go=1.23.0 && go work init . '$DIST/go' && go vet ./... && go build -o /dev/null ."
}

test_java() {
  local d="$WORK/java" offline=() jar pom
  [ -f .cache/setup-stamps/java ] && offline=(-o)
  jar="$(ls "$DIST"/java/kapso-ops-client-*.jar)"; pom="${jar%.jar}.pom"
  cp -r "$SRC/java" "$d"
  step "java: mvn install:install-file jar + pom" mvn -q -B "${offline[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file -Dfile="$jar" -DpomFile="$pom"
  step "java: enforcer + compile (-Xlint:all -Werror)" bash -c "cd '$d' && mvn -q -B ${offline[*]} compile"
  step "java: overview, decoded error, paging" bash -c "cd '$d' && mvn -q -B ${offline[*]} exec:java"
}

t0=$SECONDS
step "package-clients.sh" scripts/package-clients.sh "$DIST" "${langs[@]}"
for l in "${langs[@]}"; do
  case "$l" in
    python|go|node|java) echo "== $l consumer"; s=$SECONDS; "test_$l"; echo "-- $l: $((SECONDS - s)) s" ;;
    *) echo "test-consumers: unknown language $l" >&2; failed=$((failed + 1)) ;;
  esac
done
echo "test-consumers: $((SECONDS - t0)) s"
echo "consumers: $passed passed, $failed failed"
((failed == 0))
