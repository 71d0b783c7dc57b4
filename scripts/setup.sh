#!/usr/bin/env bash
# Installs everything kapso-ops needs on a Debian 12 machine: the system
# packages the Bazel build links against, and each scripts/setup.d/ step
# (pinned npm, PyPI, Go and Maven dependencies). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  bazel-bootstrap bazel-rules-java pkg-config g++
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libcurl4-openssl-dev libssl-dev libgtest-dev libgmock-dev
  grpc-proto prometheus-cpp-dev libcpp-httplib-dev nlohmann-json3-dev
  nghttp2-client libgoogle-perftools-dev
  clang libclang-rt-14-dev libfuzzer-14-dev
)
# Tools of the test command only, kept out of APT_PACKAGES so that
# deploy/Dockerfile's build stage (which installs APT_PACKAGES) stays lean:
# promtool (package prometheus) for deploy/monitoring/check-rules.sh; podman,
# runc, mmdebstrap and curl for deploy/image-smoke.sh; clang-format for the
# format check (scripts/check-format.sh).
TEST_APT_PACKAGES=(prometheus podman runc mmdebstrap curl clang-format)

missing=()
for p in "${APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for step in scripts/setup.d/*.sh; do
  echo "setup: ${step##*/}"
  bash "$step"
done
