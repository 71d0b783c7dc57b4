#!/usr/bin/env bash
# Wall time of `kapso-ops overview` against what the original
# `node scripts/overview.js` cost (a fresh Node process, five serial HTTP
# GETs), both against the same sandbox. Prints the means and their ratio.
#
# Usage: bench/cli/overview_bench.sh [RUNS]   (default 30)
# Uses KAPSO_OPS_ADDR / KAPSO_SANDBOX_URL when set; otherwise starts a stack
# with scripts/stack.sh (binaries must be built) and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-30}"
CLI="${KAPSO_OPS_CLI:-bazel-bin/cli/kapso-ops}"
NODE_SCRIPT="bench/cli/node_overview.js"

if [[ -z "${KAPSO_OPS_ADDR:-}" || -z "${KAPSO_SANDBOX_URL:-}" ]]; then
  STACK_DIR="$(mktemp -d)"
  trap 'scripts/stack.sh stop "$STACK_DIR" >/dev/null 2>&1 || true; rm -rf "$STACK_DIR"' EXIT
  scripts/stack.sh start "$STACK_DIR" >/dev/null
  set -a; source "$STACK_DIR/env"; set +a
fi
export KAPSO_OPS_SERVER="$KAPSO_OPS_ADDR" KAPSO_SANDBOX_URL

cli_cmd="$CLI overview --output json"
node_cmd="node $NODE_SCRIPT"
# Both must work before timing them.
$cli_cmd >/dev/null
$node_cmd >/dev/null

mean_ms_loop() {  # command -> mean wall ms over RUNS (after 3 warm-ups)
  local cmd="$1" start end total=0 i
  for i in 1 2 3; do $cmd >/dev/null; done
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N); $cmd >/dev/null; end=$(date +%s%N)
    total=$((total + end - start))
  done
  awk -v t="$total" -v n="$RUNS" 'BEGIN { printf "%.2f", t / n / 1e6 }'
}

if command -v hyperfine >/dev/null; then
  json="$(mktemp)"
  hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$json" \
    -n "kapso-ops overview" "$cli_cmd" -n "node overview.js" "$node_cmd" >&2
  read -r cli_ms node_ms < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(" ".join("%.2f" % (x["mean"] * 1000) for x in r))' "$json")
  rm -f "$json"
else
  cli_ms="$(mean_ms_loop "$cli_cmd")"
  node_ms="$(mean_ms_loop "$node_cmd")"
fi
echo "runs:                    $RUNS"
echo "kapso-ops overview mean: ${cli_ms} ms"
echo "node overview.js mean:   ${node_ms} ms"
awk -v c="$cli_ms" -v n="$node_ms" \
  'BEGIN { printf "ratio node/cli:          %.2fx (cli takes %.0f%% of node time)\n", n / c, 100 * c / n }'
