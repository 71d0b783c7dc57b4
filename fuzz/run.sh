#!/usr/bin/env bash
# Runs every libFuzzer target (or those named) for SECONDS each (default 10),
# built with --config=asan (ASan + UBSan), starting from its seed corpus in
# fuzz/corpus/<target>/. New inputs go to a scratch corpus, never into the
# repo; a finding leaves its input in $FUZZ_ARTIFACTS (default a temp dir)
# and fails the run. One line per target:
#   fuzz <target>: ok, <N> execs in <S> s, cov <C>, ft <F>, corpus <K>
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${1:-10}"
shift || true
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then
  TARGETS=(json_envelope_fuzzer page_token_fuzzer http_status_fuzzer url_fuzzer flag_parser_fuzzer)
fi

# FUZZ_BIN: use fuzzers built already (no bazel call), e.g. while another
# bazel command runs in this workspace.
if [ -z "${FUZZ_BIN:-}" ]; then
  bazel build --config=asan "${TARGETS[@]/#/\/\/fuzz:}" >/dev/null 2>&1 ||
    { bazel build --config=asan "${TARGETS[@]/#/\/\/fuzz:}" 2>&1 | tail -n 30; exit 1; }
fi
BIN="${FUZZ_BIN:-$(bazel info --config=asan bazel-bin 2>/dev/null)/fuzz}"
ARTIFACTS="${FUZZ_ARTIFACTS:-$(mktemp -d)}"
mkdir -p "$ARTIFACTS"
failed=0
for target in "${TARGETS[@]}"; do
  scratch="$(mktemp -d)"
  log="$ARTIFACTS/$target.log"
  # -timeout: an input slower than 10 s is a finding (parse cost must stay
  # linear); -rss_limit_mb likewise for memory.
  "$BIN/$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$target-" \
    "$scratch" "fuzz/corpus/$target" >"$log" 2>&1
  rc=$?
  execs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)"
  line="$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$line")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$line")"
  corpus="$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$line")"
  if ((rc == 0)); then
    echo "fuzz $target: ok, ${execs:-?} execs in $SECONDS_EACH s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corpus:-?}"
  else
    echo "fuzz $target: FAILED (exit $rc), log and input in $ARTIFACTS"
    grep -E "ERROR|invariant|SUMMARY|runtime error" "$log" | head -n 5
    failed=1
  fi
  rm -rf "$scratch"
done
exit "$failed"
