#!/usr/bin/env bash
# Client toolchains, pinned, from their registries: the Python venv (.venv, from
# clients/python/requirements.txt) and the generator's (.cache/pygen), Go protoc plugins (.cache/gobin), npm packages of
# clients/node (package-lock.json), and the Maven dependencies of clients/java.
# Idempotent: each part is skipped when its stamp matches its pin file.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STAMPS="$ROOT/.cache/setup-stamps"
mkdir -p "$STAMPS"

PROTOC_GEN_GO_VERSION=v1.36.12        # google.golang.org/protobuf
PROTOC_GEN_GO_GRPC_VERSION=v1.6.2     # google.golang.org/grpc/cmd/protoc-gen-go-grpc
GRPCURL_VERSION=v1.9.4                # github.com/fullstorydev/grpcurl: tests/e2e/test_reflection.py

# fresh NAME FILE...: true when the stamp NAME is missing or older than its inputs.
fresh() {
  local name="$1"; shift
  local sum; sum="$(cat "$@" | sha256sum | cut -d' ' -f1)"
  [ "$(cat "$STAMPS/$name" 2>/dev/null)" != "$sum" ] && { echo "$sum" > "$STAMPS/$name.new"; return 0; }
  return 1
}
done_() { mv "$STAMPS/$1.new" "$STAMPS/$1"; }

# Python: venv + pinned requirements + the client itself (editable, no deps).
if [ ! -x .venv/bin/python ] || fresh python clients/python/requirements.txt clients/python/pyproject.toml; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r clients/python/requirements.txt
  .venv/bin/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e clients/python
  [ -f "$STAMPS/python.new" ] || fresh python clients/python/requirements.txt clients/python/pyproject.toml || true
  done_ python
fi

# The Python generator venv (older grpcio-tools: protobuf 5 gencode), see requirements-gen.txt.
if [ ! -x .cache/pygen/bin/python ] || fresh pygen clients/python/requirements-gen.txt; then
  [ -x .cache/pygen/bin/python ] || python3 -m venv .cache/pygen
  .cache/pygen/bin/pip install -q --disable-pip-version-check -r clients/python/requirements-gen.txt
  [ -f "$STAMPS/pygen.new" ] || fresh pygen clients/python/requirements-gen.txt || true
  done_ pygen
fi

# Go: protoc plugins into a repo-local GOBIN; module deps into the module cache.
export GOBIN="$ROOT/.cache/gobin"
printf '%s %s %s\n' "$PROTOC_GEN_GO_VERSION" "$PROTOC_GEN_GO_GRPC_VERSION" "$GRPCURL_VERSION" > "$STAMPS/go-pins"
if [ ! -x "$GOBIN/protoc-gen-go" ] || [ ! -x "$GOBIN/protoc-gen-go-grpc" ] || [ ! -x "$GOBIN/grpcurl" ] \
   || fresh go "$STAMPS/go-pins" clients/go/go.sum; then
  go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
  go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@$PROTOC_GEN_GO_GRPC_VERSION"
  go install "github.com/fullstorydev/grpcurl/cmd/grpcurl@$GRPCURL_VERSION"
  (cd clients/go && go mod download)
  [ -f "$STAMPS/go.new" ] || fresh go "$STAMPS/go-pins" clients/go/go.sum || true
  done_ go
fi

# Node: exactly package-lock.json.
if [ ! -d clients/node/node_modules ] || fresh node clients/node/package-lock.json; then
  (cd clients/node && npm ci --no-audit --no-fund --loglevel=error)
  [ -f "$STAMPS/node.new" ] || fresh node clients/node/package-lock.json || true
  done_ node
fi

# Java: every plugin and dependency of a full `mvn test`, so later runs can be offline (-o).
if fresh java clients/java/pom.xml; then
  (cd clients/java && mvn -q -B -Dstyle.color=never dependency:resolve-plugins dependency:go-offline >/dev/null \
     && mvn -q -B -Dstyle.color=never test -Dtest=OfflineTest >/dev/null)
  done_ java
fi
echo "setup: clients ready"
