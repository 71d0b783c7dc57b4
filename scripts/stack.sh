#!/usr/bin/env bash
# Starts or stops a local kapso-ops stack from bazel-bin/: the Kapso sandbox and
# the server in front of it, both on free loopback ports (docs/contracts.md).
#   scripts/stack.sh start DIR   # writes DIR/env (KAPSO_OPS_ADDR, KAPSO_SANDBOX_URL)
#   scripts/stack.sh stop DIR
# With KAPSO_API_BASE_URL and KAPSO_API_KEY set, `start` skips the sandbox and
# points the server at that Kapso instead.
# With KAPSO_OPS_STACK_PRISM=1, the server reaches the sandbox through Prism in
# proxy mode with validation on (--errors), checking every request and answer
# against Kapso's OpenAPI document (contract/): an answer the spec rejects
# becomes a 500 and a line in DIR/prism.log (KAPSO_PRISM_LOG in DIR/env).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"

wait_for_file() {  # FILE PID: until FILE exists, or fail when PID died
  for _ in $(seq 1 200); do
    [ -s "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "stack: process $2 exited; see $dir/*.log" >&2; return 1; }
    sleep 0.05
  done
  echo "stack: timed out waiting for $1" >&2; return 1
}

# Prism proxying to $1 on a free port; prints its URL. Paths are mounted under
# the spec's server path by contract/mount_spec.py.
start_prism() {
  "$ROOT/.venv/bin/python" "$ROOT/contract/mount_spec.py" \
    "$ROOT/contract/kapso-api/openapi-platform.yaml" "$dir/kapso-platform.json"
  "$ROOT/contract/prism/node_modules/.bin/prism" proxy "$dir/kapso-platform.json" "$1" \
    --errors -h 127.0.0.1 -p 0 >"$dir/prism.log" 2>&1 &
  echo $! > "$dir/prism.pid"
  local port=""
  for _ in $(seq 1 600); do
    port="$(grep -oE 'Prism is listening on http://127.0.0.1:[0-9]+' "$dir/prism.log" | grep -oE '[0-9]+$' || true)"
    [ -n "$port" ] && break
    kill -0 "$(cat "$dir/prism.pid")" 2>/dev/null || { echo "stack: prism exited; see $dir/prism.log" >&2; return 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "stack: prism did not start" >&2; return 1; }
  echo "http://127.0.0.1:$port"
}

start() {
  local base_url key sandbox_url=""
  if [ -n "${KAPSO_API_BASE_URL:-}" ] && [ -n "${KAPSO_API_KEY:-}" ]; then
    base_url="$KAPSO_API_BASE_URL"; key="$KAPSO_API_KEY"
  else
    key="sandbox-key"
    rm -f "$dir/sandbox.port"
    "$ROOT/bazel-bin/sandbox/kapso_sandbox" --port=0 --api_key="$key" \
      --port_file="$dir/sandbox.port" >"$dir/sandbox.log" 2>&1 &
    echo $! > "$dir/sandbox.pid"
    wait_for_file "$dir/sandbox.port" "$(cat "$dir/sandbox.pid")"
    base_url="http://127.0.0.1:$(cat "$dir/sandbox.port")"
    sandbox_url="$base_url"
    [ "${KAPSO_OPS_STACK_PRISM:-}" = 1 ] && base_url="$(start_prism "$sandbox_url")"
  fi
  rm -f "$dir/server.port"
  KAPSO_API_BASE_URL="$base_url" KAPSO_API_KEY="$key" \
    "$ROOT/bazel-bin/service/kapso_ops_server" --listen=127.0.0.1:0 --metrics_listen=127.0.0.1:0 \
    --follow_poll_interval=250ms --port_file="$dir/server.port" >"$dir/server.log" 2>&1 &
  echo $! > "$dir/server.pid"
  wait_for_file "$dir/server.port" "$(cat "$dir/server.pid")"
  {
    echo "KAPSO_OPS_ADDR=127.0.0.1:$(cat "$dir/server.port")"
    echo "KAPSO_SANDBOX_URL=$sandbox_url"
    [ -f "$dir/prism.pid" ] && echo "KAPSO_PRISM_LOG=$dir/prism.log"
  } > "$dir/env"
  cat "$dir/env"
}

stop() {
  local name pid
  for name in server prism sandbox; do
    [ -f "$dir/$name.pid" ] || continue
    pid="$(cat "$dir/$name.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
