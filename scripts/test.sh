#!/usr/bin/env bash
# Runs every kapso-ops test suite and ends with one line `N passed, N failed`:
#   1. setup (idempotent; installs what a fresh Debian 12 machine lacks)
#   2. Bazel: unit and integration tests of the C++ code (gtest cases counted)
#   3. API hygiene: generated clients up to date, buf lint + breaking
#   4. against a local stack (sandbox + server binaries): the server binary's
#      end-to-end tests, the CLI's and the deploy manifests' (pytest), the
#      Python, Go, Node and Java client smoke tests (their own runners)
#   5. clang builds: every C++ test under ASan+UBSan (the same build checks
#      the thread-safety annotations with -Werror), kapso_client under TSan,
#      and a short run of each fuzz target
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
[ "${KAPSO_OPS_SKIP_SETUP:-}" = 1 ] || scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

LOG="$(mktemp -d)"
STACK="$LOG/stack"
cleanup() { scripts/stack.sh stop "$STACK" >/dev/null 2>&1; rm -rf "$LOG"; }
trap cleanup EXIT

passed=0; failed=0
tally() { passed=$((passed + $1)); failed=$((failed + $2)); echo "-- $3: $1 passed, $2 failed"; }
check() {  # NAME COMMAND...: one pass/fail
  if "${@:2}"; then tally 1 0 "$1"; else tally 0 1 "$1"; fi
}

echo "== bazel test //..."
bazel test //... 2>&1 | tail -n 40
bazel_rc=${PIPESTATUS[0]}
# Only the XML of today's test targets: bazel-testlogs keeps old ones too.
mapfile -t xmls < <(bazel query 'tests(//...)' 2>/dev/null |
  sed -E 's|^//([^:]*):(.*)$|bazel-testlogs/\1/\2/test.xml|')
read -r p f < <(.venv/bin/python scripts/count_junit.py "${xmls[@]}")
((bazel_rc != 0 && f == 0)) && f=1
tally "$p" "$f" "bazel (gtest cases)"

echo "== API hygiene"
check "generated clients up to date" scripts/gen-clients.sh --check
check "buf lint + breaking" scripts/check-proto.sh

echo "== end-to-end against a local stack"
if scripts/stack.sh start "$STACK" >"$LOG/stack.out" 2>&1; then
  set -a; . "$STACK/env"; set +a
  .venv/bin/python -m pytest -q -p no:cacheprovider --junitxml="$LOG/pytest.xml" \
    tests/e2e tests/cli tests/deploy 2>&1 | tail -n 15
  read -r p f < <(.venv/bin/python scripts/count_junit.py "$LOG/pytest.xml")
  tally "$p" "$f" "pytest (server binary, CLI, deploy manifests)"
  scripts/test-clients.sh 2>&1 | tee "$LOG/clients.out" | grep -E "^(==|clients:)|FAIL|Error" | head -n 40
  line="$(grep -E '^clients: [0-9]+ passed, [0-9]+ failed' "$LOG/clients.out" | tail -1)"
  if [ -n "$line" ]; then
    read -r p f < <(sed -E 's/clients: ([0-9]+) passed, ([0-9]+) failed/\1 \2/' <<<"$line")
  else
    p=0; f=1
  fi
  tally "$p" "$f" "clients (pytest, go test, node --test, mvn test)"
else
  cat "$LOG/stack.out" "$STACK"/*.log 2>/dev/null
  tally 0 1 "stack start"
fi

# Counts the gtest cases of `pattern`'s tests from the XML of `config`'s run
# (its own bazel-testlogs: the configs keep separate output trees).
tally_bazel() {  # CONFIG RC LABEL PATTERN...
  local config="$1" rc="$2" label="$3" logs p f
  shift 3
  logs="$(bazel info --config="$config" bazel-testlogs 2>/dev/null)"
  mapfile -t xmls < <(bazel query "tests($(sed 's/ / + /g' <<<"$*"))" 2>/dev/null |
    sed -E "s|^//([^:]*):(.*)\$|$logs/\1/\2/test.xml|")
  read -r p f < <(.venv/bin/python scripts/count_junit.py "${xmls[@]}")
  ((rc != 0 && f == 0)) && f=1
  tally "$p" "$f" "$label"
}

echo "== bazel test --config=asan //... (ASan + UBSan, -Werror=thread-safety)"
start=$SECONDS
bazel test --config=asan //... 2>&1 | grep -v "Cannot export local symbol" | tail -n 40
tally_bazel asan "${PIPESTATUS[0]}" "asan+ubsan (gtest cases)" //...
echo "   ($((SECONDS - start)) s)"

# //tests/integration/... is not in the TSan step yet: under TSan it still
# reports races inside gRPC's own thread handoffs (uninstrumented libgrpc; see
# tools/sanitizers/tsan_defaults.cc). KAPSO_OPS_TSAN_TARGETS overrides.
TSAN_TARGETS="${KAPSO_OPS_TSAN_TARGETS:-//kapso_client/...}"
echo "== bazel test --config=tsan $TSAN_TARGETS"
start=$SECONDS
# shellcheck disable=SC2086
bazel test --config=tsan $TSAN_TARGETS 2>&1 | tail -n 40
# shellcheck disable=SC2086
tally_bazel tsan "${PIPESTATUS[0]}" "tsan (gtest cases)" $TSAN_TARGETS
echo "   ($((SECONDS - start)) s)"

echo "== fuzz targets, ${KAPSO_OPS_FUZZ_SECONDS:-15} s each (fuzz/run.sh)"
start=$SECONDS
for target in json_envelope_fuzzer page_token_fuzzer http_status_fuzzer url_fuzzer \
              flag_parser_fuzzer; do
  check "fuzz $target" fuzz/run.sh "${KAPSO_OPS_FUZZ_SECONDS:-15}" "$target"
done
echo "   ($((SECONDS - start)) s)"

echo "${passed} passed, ${failed} failed"
((failed == 0))
