#!/usr/bin/env bash
# Python packages of the server's end-to-end and abuse tests (reflection and health
# clients, h2 for raw HTTP/2, pytest-timeout), pinned, into the same .venv as
# the Python client.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
stamp=.cache/setup-stamps/e2e
sum="$(sha256sum tests/e2e/requirements.txt | cut -d' ' -f1)"
[ "$(cat "$stamp" 2>/dev/null)" = "$sum" ] && exit 0
.venv/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements.txt
mkdir -p "$(dirname "$stamp")" && echo "$sum" > "$stamp"
