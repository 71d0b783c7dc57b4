#!/usr/bin/env bash
# Prism (@stoplight/prism-cli, pinned in contract/prism/package-lock.json) into
# contract/prism/node_modules: the mock and validating proxy of Kapso's OpenAPI
# document that the contract suite runs (tests/contract, README "Contract with Kapso").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT/contract/prism"
stamp="$ROOT/.cache/setup-stamps/prism"
sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
[ -x node_modules/.bin/prism ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ] && exit 0
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$(dirname "$stamp")" && echo "$sum" > "$stamp"
