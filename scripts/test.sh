#!/usr/bin/env bash
# Runs every kapso-ops test suite and ends with one line `N passed, N failed`:
#   1. setup (idempotent; installs what a fresh Debian 12 machine lacks)
#   2. Bazel: unit and integration tests of the C++ code (gtest cases counted)
#   3. hygiene: generated clients up to date, buf lint + breaking, every
#      hand-written C++ file clang-formatted (.clang-format)
#   3b. deploy: promtool on the alerts and dashboard, the manifests through
#      kustomize + official types (go test), the images built and run (podman)
#   4. against a local stack (sandbox + server binaries): the server binary's
#      end-to-end tests, the abuse suite (the server against a hostile upstream
#      of its own), the CLI's and the deploy manifests' (pytest), the
#      Python, Go, Node and Java client smoke tests (their own runners), and
#      the consumer tests of the packaged clients (scripts/test-consumers.sh)
#   5. the contract with Kapso's published OpenAPI document (contract/): the
#      mapping audit, the spec's named examples and every RPC and CLI command
#      against Prism's mock (tests/contract), then the CLI suite again with
#      Prism validating every sandbox answer in proxy mode
#   6. clang builds: every C++ test under ASan+UBSan (the same build checks
#      the thread-safety annotations with -Werror), kapso_client and the integration tests under TSan,
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
# Tallies the last "PREFIX: N passed, M failed" line of FILE (a missing line
# is one failure: the runner died before its summary).
tally_summary() {  # FILE PREFIX LABEL
  local line p=0 f=1
  line="$(grep -E "^$2: [0-9]+ passed, [0-9]+ failed" "$1" | tail -1)"
  [ -n "$line" ] && read -r p f < <(sed -E "s/^$2: ([0-9]+) passed, ([0-9]+) failed/\1 \2/" <<<"$line")
  tally "$p" "$f" "$3"
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

echo "== hygiene"
check "generated clients up to date" scripts/gen-clients.sh --check
check "buf lint + breaking" scripts/check-proto.sh
check "C++ clang-formatted (scripts/check-format.sh)" scripts/check-format.sh

echo "== deploy: alerts and dashboard (promtool), manifests (kustomize + official types), image (podman)"
check "promtool check + test rules, dashboard queries" deploy/monitoring/check-rules.sh
out="$(cd deploy/validate && go test -count=1 -v ./... 2>&1)"; rc=$?
p=$(grep -cE '^ *--- PASS' <<<"$out"); f=$(grep -cE '^ *--- FAIL' <<<"$out")
((rc != 0 && f == 0)) && { f=1; tail -n 20 <<<"$out"; }
tally "$p" "$f" "deploy manifests: kustomize build + strict decoding (go test)"
deploy/image-smoke.sh 2>&1 | tee "$LOG/image.out" | grep -E "^(FAIL|image-smoke)"
read -r p f < <(sed -nE 's/^image-smoke: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' "$LOG/image.out" | tail -1)
tally "${p:-0}" "${f:-1}" "image (podman build + smoke of both images)"

echo "== end-to-end against a local stack"
if scripts/stack.sh start "$STACK" >"$LOG/stack.out" 2>&1; then
  set -a; . "$STACK/env"; set +a
  .venv/bin/python -m pytest -q -p no:cacheprovider --junitxml="$LOG/pytest.xml" \
    tests/e2e tests/abuse tests/cli tests/deploy 2>&1 | tail -n 15
  read -r p f < <(.venv/bin/python scripts/count_junit.py "$LOG/pytest.xml")
  tally "$p" "$f" "pytest (server binary, abuse suite, CLI, deploy manifests)"
  scripts/test-clients.sh 2>&1 | tee "$LOG/clients.out" | grep -E "^(==|clients:)|FAIL|Error" | head -n 40
  tally_summary "$LOG/clients.out" clients "clients (pytest, go test, node --test, mvn test)"
  scripts/test-consumers.sh 2>&1 | tee "$LOG/consumers.out" | grep -E "^(==|--|ok|FAIL|     |consumers:|test-consumers:)"
  tally_summary "$LOG/consumers.out" consumers \
    "consumers (packaged clients installed in new projects, strict checks, run)"
else
  cat "$LOG/stack.out" "$STACK"/*.log 2>/dev/null
  tally 0 1 "stack start"
fi

echo "== contract with Kapso's OpenAPI document"
contract_start=$SECONDS
.venv/bin/python -m pytest -q -p no:cacheprovider --junitxml="$LOG/contract.xml" \
  tests/contract 2>&1 | tail -n 15
read -r p f < <(.venv/bin/python scripts/count_junit.py "$LOG/contract.xml")
tally "$p" "$f" "contract (mapping audit, spec examples, Prism dynamic mock)"
PROXY_STACK="$LOG/proxy-stack"
if KAPSO_OPS_STACK_PRISM=1 scripts/stack.sh start "$PROXY_STACK" >"$LOG/proxy-stack.out" 2>&1; then
  (set -a; . "$PROXY_STACK/env"; set +a
   .venv/bin/python -m pytest -q -p no:cacheprovider --junitxml="$LOG/proxy.xml" \
     tests/cli 2>&1 | tail -n 15)
  read -r p f < <(.venv/bin/python scripts/count_junit.py "$LOG/proxy.xml")
  tally "$p" "$f" "CLI suite through Prism's validating proxy"
  check "sandbox answers all conform to the spec (Prism proxy log)" \
    .venv/bin/python tests/contract/prism_log.py "$PROXY_STACK/prism.log"
else
  cat "$LOG/proxy-stack.out" "$PROXY_STACK"/*.log 2>/dev/null | tail -n 20
  tally 0 1 "proxy stack start"
fi
scripts/stack.sh stop "$PROXY_STACK" >/dev/null 2>&1
echo "-- contract suite took $((SECONDS - contract_start)) s"

# Counts the gtest cases of `pattern`'s tests from the XML of `config`'s run
# (its own bazel-testlogs: the configs keep separate output trees).
tally_bazel() {  # CONFIG RC LABEL PATTERN...
  local config="$1" rc="$2" label="$3" logs p f
  shift 3
  logs="$(bazel info --config="$config" bazel-testlogs 2>/dev/null)"
  local tests
  tests="tests($(sed 's/ / + /g' <<<"$*"))"
  if [[ -n "${TALLY_EXCEPT_TAG:-}" ]]; then
    tests="$tests except attr(tags, '${TALLY_EXCEPT_TAG}', $tests)"
  fi
  mapfile -t xmls < <(bazel query "$tests" 2>/dev/null |
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

# The client library and the server end to end (tests/integration, with
# its canary that a race in a handler is still reported under the gRPC
# suppressions of tools/sanitizers/tsan_defaults.cc). KAPSO_OPS_TSAN_TARGETS
# overrides.
# Tests tagged single_threaded start no thread and are not built for it.
TSAN_TARGETS="${KAPSO_OPS_TSAN_TARGETS:-//kapso_client/... //tests/integration/...}"
echo "== bazel test --config=tsan $TSAN_TARGETS (without single_threaded tests)"
start=$SECONDS
# shellcheck disable=SC2086
bazel test --config=tsan --build_tests_only --test_tag_filters=-single_threaded \
  $TSAN_TARGETS 2>&1 | tail -n 40
tsan_rc="${PIPESTATUS[0]}"
# shellcheck disable=SC2086
TALLY_EXCEPT_TAG=single_threaded tally_bazel tsan "$tsan_rc" "tsan (gtest cases)" $TSAN_TARGETS
echo "   ($((SECONDS - start)) s)"

echo "== fuzz targets, ${KAPSO_OPS_FUZZ_SECONDS:-15} s each (fuzz/run.sh)"
start=$SECONDS
# Built once, then run two at a time (one per core), each for its full time.
FUZZERS=(json_envelope_fuzzer page_token_fuzzer http_status_fuzzer url_fuzzer flag_parser_fuzzer)
run_fuzzer() {  # TARGET: its log and exit code in $LOG
  FUZZ_BIN="$FUZZ_BIN" fuzz/run.sh "${KAPSO_OPS_FUZZ_SECONDS:-15}" "$1" >"$LOG/fuzz-$1.out" 2>&1
  echo $? >"$LOG/fuzz-$1.rc"
}
if bazel build --config=asan "${FUZZERS[@]/#/\/\/fuzz:}" >"$LOG/fuzz-build.out" 2>&1; then
  FUZZ_BIN="$(bazel info --config=asan bazel-bin 2>/dev/null)/fuzz"
  batch=()
  for target in "${FUZZERS[@]}"; do
    run_fuzzer "$target" &
    batch+=($!)
    if ((${#batch[@]} == 2)); then wait "${batch[@]}"; batch=(); fi
  done
  ((${#batch[@]} == 0)) || wait "${batch[@]}"
  for target in "${FUZZERS[@]}"; do
    cat "$LOG/fuzz-$target.out"
    if [ "$(cat "$LOG/fuzz-$target.rc" 2>/dev/null)" = 0 ]; then
      tally 1 0 "fuzz $target"
    else
      tally 0 1 "fuzz $target"
    fi
  done
else
  tail -n 30 "$LOG/fuzz-build.out"
  tally 0 "${#FUZZERS[@]}" "fuzz targets (build)"
fi
echo "   ($((SECONDS - start)) s)"

echo "${passed} passed, ${failed} failed"
((failed == 0))
