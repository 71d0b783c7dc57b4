#!/usr/bin/env bash
# The main job, from a fresh machine: installs what is missing, builds the
# server, the sandbox and the CLI, starts the server (against Kapso when
# KAPSO_API_BASE_URL and KAPSO_API_KEY are set, else against the bundled
# sandbox), and shows `kapso-ops overview` and `kapso-ops health`.
#   scripts/demo.sh           # show, then stop
#   scripts/demo.sh --serve   # show, then keep serving until Ctrl-C
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
bazel build //service:kapso_ops_server //sandbox:kapso_sandbox //cli:kapso-ops

STACK="$ROOT/.cache/demo"
scripts/stack.sh stop "$STACK" >/dev/null 2>&1 || true
trap 'scripts/stack.sh stop "$STACK"' EXIT
scripts/stack.sh start "$STACK" >/dev/null
set -a; . "$STACK/env"; set +a
if [ -n "$KAPSO_SANDBOX_URL" ]; then
  echo "kapso-ops serving on $KAPSO_OPS_ADDR, upstream: the bundled Kapso sandbox ($KAPSO_SANDBOX_URL)"
else
  echo "kapso-ops serving on $KAPSO_OPS_ADDR, upstream: $KAPSO_API_BASE_URL"
fi
CLI=(bazel-bin/cli/kapso-ops --server "$KAPSO_OPS_ADDR" --output table)

echo; echo "\$ kapso-ops overview"
"${CLI[@]}" overview
# The health check of the first number that is not plainly healthy (in the
# sandbox, the degraded one), else the first number.
number="$(bazel-bin/cli/kapso-ops --server "$KAPSO_OPS_ADDR" --output json overview |
  .venv/bin/python -c 'import json,sys; n=json.load(sys.stdin)["data"].get("phone_numbers",[]); \
g=[x for x in n if x.get("quality_rating") not in (None,"GREEN")]; print((g or n or [{}])[0].get("id",""))')"
if [ -n "$number" ]; then
  echo; echo "\$ kapso-ops health --phone-number-id $number"
  "${CLI[@]}" health --phone-number-id "$number" || true
fi
if [ "${1:-}" = "--serve" ]; then
  echo; echo "serving on $KAPSO_OPS_ADDR; Ctrl-C stops"
  tail -f "$STACK/server.log"
fi
