#!/usr/bin/env bash
# The kapso-ops benchmark, one command (see bench/README.md):
#   bench/run.sh [--no-build] [bench.py options, e.g. --duration 10 --skip_cli]
# Runs scripts/setup.sh (a clean clone needs nothing else), then builds the sandbox, the server, the CLI and the bare gRPC baseline with
# `bazel build -c opt` (no convenience symlinks, so bazel-bin/ and the
# fastbuild test outputs stay as they are), copies them to bench/.out/, then
# runs bench/bench.py: its own sandbox and servers on loopback, every load
# bounded in count and time. Prints the table and writes bench/results.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT=bench/.out
TARGETS=(//sandbox:kapso_sandbox //service:kapso_ops_server //cli:kapso-ops //bench:bare_server
         //bench:json_parse_bench //bench:curl_floor)

# From a clean clone too: setup is idempotent and quick once done.
scripts/setup.sh >&2
for tool in h2load node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (run scripts/setup.sh)" >&2; exit 2; }
done
[ -x .venv/bin/python ] || { echo "bench: .venv missing (run scripts/setup.sh)" >&2; exit 2; }

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
mkdir -p "$OUT"
if ((build)); then
  # What the binaries are built from: HEAD plus any uncommitted changes of others.
  { git rev-parse --short=12 HEAD
    git status --porcelain -- kapso_client service sandbox cli proto | cut -c4- | cut -d/ -f1 | sort -u | paste -sd, -
  } > "$OUT/build-info"
  bazel build -c opt --symlink_prefix=/ "${TARGETS[@]}" >&2
  bin="$(bazel info -c opt --symlink_prefix=/ bazel-bin 2>/dev/null)"
  for t in "${TARGETS[@]}"; do
    f="$bin/${t#//}"; f="${f/://}"
    install -m 0755 "$f" "$OUT/"
  done
fi
exec .venv/bin/python bench/bench.py "$@"
