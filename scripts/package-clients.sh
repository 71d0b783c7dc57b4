#!/usr/bin/env bash
# Builds the installable artifacts of the four clients into one folder outside the
# source tree (default dist/clients, ignored by git), as clients/README.md installs them:
#   python/  kapso_ops-VERSION-py3-none-any.whl + kapso_ops-VERSION.tar.gz (flit_core:
#            nothing is written into clients/python)
#   node/    kapso-ops-client-VERSION.tgz (npm pack; `prepare` compiles dist/)
#   java/    kapso-ops-client-VERSION.jar + kapso-ops-client-VERSION.pom (mvn package)
#   go/      the module github.com/kapso-ops/kapso-ops/clients/go, for a `replace` or `go work use`
# Needs scripts/setup.sh (the .venv, clients/node/node_modules, Maven cache).
#   scripts/package-clients.sh [OUT_DIR] [python] [go] [node] [java]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/dist/clients"
langs=()
for a in "$@"; do
  case "$a" in
    python|go|node|java) langs+=("$a") ;;
    *) OUT="$(mkdir -p "$a" && cd "$a" && pwd)" ;;
  esac
done
((${#langs[@]})) || langs=(python go node java)
offline=()
[ -f .cache/setup-stamps/java ] && offline=(-o)

pkg_python() {
  rm -rf "$OUT/python" && mkdir -p "$OUT/python"
  .venv/bin/python -m build --no-isolation --sdist --wheel --outdir "$OUT/python" clients/python >/dev/null
}

pkg_node() {
  rm -rf "$OUT/node" && mkdir -p "$OUT/node"
  (cd clients/node && npm pack --silent --pack-destination "$OUT/node" >/dev/null)
}

pkg_java() {
  rm -rf "$OUT/java" && mkdir -p "$OUT/java"
  (cd clients/java && mvn -q -B -Dstyle.color=never "${offline[@]}" -DskipTests package)
  local v
  v="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' clients/java/pom.xml | head -1)"
  cp "clients/java/target/kapso-ops-client-$v.jar" "$OUT/java/"
  cp clients/java/pom.xml "$OUT/java/kapso-ops-client-$v.pom"
}

pkg_go() {
  rm -rf "$OUT/go" && mkdir -p "$OUT/go"
  (cd clients/go && tar --exclude='*_test.go' -cf - go.mod go.sum kapso kapsoops) | tar -xf - -C "$OUT/go"
}

for l in "${langs[@]}"; do
  "pkg_$l"
  echo "package-clients: $l -> $(cd "$OUT/$l" && ls | tr '\n' ' ')"
done
