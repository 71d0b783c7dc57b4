#!/usr/bin/env bash
# API hygiene for proto/: `buf lint` (STANDARD with the AIP-style exceptions of buf.yaml)
# and `buf breaking` (FILE rules) against the previous state of the API on main:
#   - proto/ has uncommitted changes  -> against main's tip
#   - otherwise                       -> against main~1 (the commit before the tip)
#   - scripts/check-proto.sh --against REF   -> against any git ref
# The old tree is exported with `git archive` and built next to the same pinned
# google/rpc protos (buf's own `.git#ref=` input cannot see node_modules, which git ignores).
# Prints one line: `check-proto: lint ok, breaking ok (against REF)`; non-zero on problems.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUF="$ROOT/tools/protodeps/node_modules/.bin/buf"
GOOGLE=tools/protodeps/node_modules/google-proto-files
[ -x "$BUF" ] && [ -d "$GOOGLE/google/rpc" ] || { echo "check-proto: buf or google-proto-files missing; run scripts/setup.sh" >&2; exit 1; }

against=""
[ "${1:-}" = "--against" ] && against="${2:?--against needs a git ref}"
branch=main
git rev-parse --verify -q "$branch" >/dev/null || branch=HEAD

if ! "$BUF" lint; then
  echo "check-proto: lint FAILED"
  exit 1
fi

if [ -z "$against" ]; then
  if [ -n "$(git status --porcelain -- proto buf.yaml)" ]; then
    against="$branch"
  else
    against="$branch~1"
  fi
fi

if ! git rev-parse --verify -q "$against^{commit}" >/dev/null; then
  echo "check-proto: lint ok, breaking skipped (no commit $against: a repository of one commit, or a shallow clone)"
  exit 0
fi
if ! git cat-file -e "$against:proto" 2>/dev/null; then
  echo "check-proto: lint ok, breaking skipped ($against has no proto/)"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git archive "$against" proto | tar -x -C "$tmp"
mkdir -p "$tmp/$(dirname "$GOOGLE")"
ln -s "$ROOT/$GOOGLE" "$tmp/$GOOGLE"
cp buf.yaml "$tmp/buf.yaml"
if ! "$BUF" build "$tmp" --path "$tmp/proto/kapso" -o "$tmp/old.binpb"; then
  echo "check-proto: lint ok, breaking FAILED (the API at $against does not build)"
  exit 1
fi
"$BUF" build --path proto/kapso -o "$tmp/new.binpb"
if ! "$BUF" breaking "$tmp/new.binpb" --against "$tmp/old.binpb" --config buf.yaml; then
  echo "check-proto: lint ok, breaking FAILED (against $against $(git rev-parse --short "$against"))"
  exit 1
fi
echo "check-proto: lint ok, breaking ok (against $against $(git rev-parse --short "$against"))"
