#!/usr/bin/env bash
# Tools of the benchmark (bench/run.sh) beyond the build's own packages:
# hyperfine (Debian) for the CLI timing, nginx (Debian) as the static
# upstream of the static scenario (run unprivileged by bench/bench.py with a
# config of its own; the package's service is not used). h2load
# (nghttp2-client) comes with scripts/setup.sh. Nothing in the test suite
# needs these. Quick when done.
set -euo pipefail
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
# (On a host with systemd the package also starts its own nginx on port 80;
# the benchmark never uses that one.)
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
