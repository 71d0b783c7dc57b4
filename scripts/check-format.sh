#!/usr/bin/env bash
# Checks that every hand-written C++ file is as .clang-format (Google style,
# 100 columns) formats it; names each file that is not. `--fix` formats them.
# third_party/ (copies of others' code) is left as its authors wrote it.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cc' '*.h' | grep -v '^third_party/')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
unformatted=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" 2>/dev/null; then
    echo "check-format: $f is not clang-formatted (scripts/check-format.sh --fix)"
    unformatted=$((unformatted + 1))
  fi
done
echo "check-format: ${#files[@]} files, $unformatted not formatted"
((unformatted == 0))
