#!/usr/bin/env bash
# Pinned googleapis protos (google.rpc) and the buf CLI, from npm.
set -euo pipefail
cd "$(dirname "$0")/../../tools/protodeps"
[ -d node_modules/google-proto-files ] && [ -x node_modules/.bin/buf ] && exit 0
npm ci --no-audit --no-fund --loglevel=error
