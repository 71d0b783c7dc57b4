#!/usr/bin/env bash
# Tools of the benchmark (bench/run.sh) beyond the build's own packages:
# hyperfine (Debian) for the CLI timing. h2load (nghttp2-client) comes with
# scripts/setup.sh. Nothing in the test suite needs these. Quick when done.
set -euo pipefail
command -v hyperfine >/dev/null && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends hyperfine >/dev/null
