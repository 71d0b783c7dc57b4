#!/usr/bin/env bash
# image-smoke.sh: builds the server and sandbox images from the unchanged
# deploy/Dockerfile with podman and runs them the way Kubernetes will:
#   - the sandbox image (default CMD) and the server image (non-root, under
#     --read-only --cap-drop=all, the key as a read-only mounted file) in one
#     network namespace that has only a loopback interface (no traffic leaves
#     127.0.0.1; the sandbox must listen on every interface of its container);
#   - grpc.health.v1 SERVING for "" and the four kapso.ops.v1 services;
#   - `kapso-ops overview` (the host's bazel-bin CLI, and the image's own)
#     through the server against the sandbox; the answer's counts checked;
#   - /metrics answers with the RPC just made;
#   - the processes run as uid 65532 with no capabilities, the root
#     filesystem refuses writes (even root's);
#   - SIGTERM (podman stop): the server and the sandbox exit 0.
# Prints one ok/FAIL line per check and ends with `image-smoke: N passed, N failed`.
#
# No build inside the image: the binaries Bazel already built (default
# bazel-bin: the fastbuild binaries `bazel test //...` leaves; BIN_DIR=...
# for others) are fed to the Dockerfile's `build` stage with
# `--build-context build=DIR`, so podman skips that stage.
# Needs root, podman, runc and mmdebstrap (scripts/setup.sh installs them).
# The debian:12-slim stand-in (mmdebstrap minbase from the apt mirror,
# `podman import`) is cached in $KAPSO_IMAGE_CACHE (default
# /var/cache/kapso-ops-image) and in podman's storage, as are the image layers.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN_DIR="${BIN_DIR:-$ROOT/bazel-bin}"
CACHE="${KAPSO_IMAGE_CACHE:-/var/cache/kapso-ops-image}"
SERVER_IMAGE=localhost/kapso-ops:smoke
SANDBOX_IMAGE=localhost/kapso-ops-sandbox:smoke
NAME="kapso-ops-smoke-$$"

die() { echo "image-smoke: $*" >&2; echo "image-smoke: 0 passed, 1 failed"; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (rootful podman)"
for tool in podman runc mmdebstrap nsenter curl strip; do
  command -v "$tool" >/dev/null || die "needs $tool (scripts/setup.sh installs it)"
done
for bin in service/kapso_ops_server cli/kapso-ops sandbox/kapso_sandbox; do
  [ -x "$BIN_DIR/$bin" ] || die "no $BIN_DIR/$bin (bazel build it first)"
done

WORK="$(mktemp -d)"
cleanup() {
  # One at a time, the server first: it uses the sandbox's network namespace.
  podman rm -f -t 0 "$NAME-server" >/dev/null 2>&1 || true
  podman rm -f -t 0 "$NAME-sandbox" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# podman as root on these machines: runc (crun rejects the hybrid cgroup
# setup) and rlimits no higher than the process may set (podman's defaults
# are higher, and raising them is refused). The highest nproc runc accepts can
# be below `ulimit -Hu`, so it is probed.
write_conf() {  # NOFILE NPROC
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n[engine]\nruntime = "runc"\n' \
    "$1" "$1" "$2" "$2" > "$WORK/containers.conf"
}
export CONTAINERS_CONF="$WORK/containers.conf"

base_image() {  # debian:12-slim, made once from the apt mirror
  podman image exists docker.io/library/debian:12-slim && return 0
  mkdir -p "$CACHE"
  if [ ! -s "$CACHE/debian-12-minbase.tar" ]; then
    echo "image-smoke: making the debian:12-slim stand-in (mmdebstrap, about a minute)"
    rm -rf "$CACHE/debian-12-minbase.tar.new"
    mmdebstrap --quiet --variant=minbase --format=tar \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      bookworm "$CACHE/debian-12-minbase.tar.new" \
      "deb http://deb.debian.org/debian bookworm main" \
      "deb http://deb.debian.org/debian bookworm-updates main" \
      "deb http://deb.debian.org/debian-security bookworm-security main"
    mv "$CACHE/debian-12-minbase.tar.new" "$CACHE/debian-12-minbase.tar"
  fi
  podman import --quiet "$CACHE/debian-12-minbase.tar" docker.io/library/debian:12-slim >/dev/null
}

probe_ulimits() {
  local nofile nproc
  nofile="$(ulimit -Hn)"; [ "$nofile" = unlimited ] && nofile=1048576
  nproc="$(ulimit -Hu)"; [ "$nproc" = unlimited ] && nproc=4194304
  while ((nproc >= 1024)); do
    write_conf "$nofile" "$nproc"
    podman run --rm --network=none docker.io/library/debian:12-slim true 2>/dev/null && return 0
    nproc=$((nproc / 2))
  done
  die "no nproc limit that runc accepts"
}

build_images() {
  mkdir -p "$WORK/build/out" "$WORK/context"
  cp "$BIN_DIR/service/kapso_ops_server" "$BIN_DIR/cli/kapso-ops" \
    "$BIN_DIR/sandbox/kapso_sandbox" "$WORK/build/out/"
  chmod u+w "$WORK/build/out/"*
  strip --strip-unneeded "$WORK/build/out/"*   # as the Dockerfile's build stage does
  # The stages used read nothing from the context: an empty one, so podman
  # does not walk the repository (bazel-* links included).
  # --network=host: only the stages' apt-get reaches out (to the apt mirror).
  local target image old
  for target in sandbox runtime; do
    image="$SERVER_IMAGE"; [ "$target" = sandbox ] && image="$SANDBOX_IMAGE"
    old="$(podman image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
    podman build --quiet --pull=never --network=host -f "$ROOT/deploy/Dockerfile" \
      --build-context build="$WORK/build" --target "$target" -t "$image" "$WORK/context" >/dev/null
    # The previous build of this tag (other binaries), now untagged: not kept.
    if [ -n "$old" ] && [ "$old" != "$(podman image inspect -f '{{.Id}}' "$image")" ]; then
      podman rmi "$old" >/dev/null 2>&1 || true
    fi
  done
}

started=$SECONDS
write_conf 1024 1024   # podman import runs no container; probed right after
base_image || die "cannot make the base image"
probe_ulimits
build_images || die "podman build failed"
echo "image-smoke: images built in $((SECONDS - started)) s"

passed=0; failed=0
check() {  # NAME COMMAND...: one ok/FAIL line
  if "${@:2}"; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi
}

# The pair: the sandbox owns a loopback-only network namespace; the server
# joins it. Both with the images' default user, locked down as in the pod.
printf 'sandbox-key' > "$WORK/api-key"; chmod 0444 "$WORK/api-key"
LOCKED=(--read-only --cap-drop=all --security-opt=no-new-privileges)
podman run -d --name "$NAME-sandbox" --network=none "${LOCKED[@]}" "$SANDBOX_IMAGE" >/dev/null
podman run -d --name "$NAME-server" --network="container:$NAME-sandbox" "${LOCKED[@]}" \
  -e KAPSO_API_BASE_URL=http://127.0.0.1:8080 \
  -v "$WORK/api-key:/var/run/secrets/kapso/api-key:ro" \
  "$SERVER_IMAGE" --listen=0.0.0.0:50051 --kapso_api_key_file=/var/run/secrets/kapso/api-key >/dev/null
pid_of() { podman inspect -f '{{.State.Pid}}' "$NAME-$1"; }
SANDBOX_PID="$(pid_of sandbox)"; SERVER_PID="$(pid_of server)"
in_netns() { nsenter --target "$SANDBOX_PID" --net -- "$@"; }

# The sandbox's CMD listens on every interface (0.0.0.0:8080), not on its
# container's loopback only: /proc/net/tcp lists 00000000:1F90 in state 0A.
listens_on_all_interfaces() {
  awk '$2 == "00000000:1F90" && $4 == "0A" { found = 1 } END { exit !found }' \
    "/proc/$SANDBOX_PID/net/tcp"
}
check "sandbox CMD listens on 0.0.0.0:8080" listens_on_all_interfaces

health_serving() {  # every service SERVING within 20 s
  in_netns "$ROOT/.venv/bin/python" - <<'PY'
import sys, time, grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
services = ["", "kapso.ops.v1.Webhooks", "kapso.ops.v1.MessageDebug",
            "kapso.ops.v1.Triage", "kapso.ops.v1.Health"]
deadline = time.monotonic() + 20
with grpc.insecure_channel("127.0.0.1:50051") as channel:
    stub = health_pb2_grpc.HealthStub(channel)
    pending = list(services)
    while pending and time.monotonic() < deadline:
        try:
            if stub.Check(health_pb2.HealthCheckRequest(service=pending[0]), timeout=2).status \
                    == health_pb2.HealthCheckResponse.SERVING:
                pending.pop(0)
                continue
        except grpc.RpcError:
            pass
        time.sleep(0.2)
    for name in pending:
        print(f"not SERVING: {name!r}", file=sys.stderr)
    sys.exit(1 if pending else 0)
PY
}
check "health SERVING: server and the four kapso.ops.v1 services" health_serving

overview_ok() {  # OUTPUT: the sandbox's project through the server
  grep -q '"ok":true' <<<"$1" && grep -q '"phone_numbers_total":3' <<<"$1" ||
    { echo "$1" | head -c 600 >&2; return 1; }
}
host_cli_overview() {
  overview_ok "$(in_netns "$BIN_DIR/cli/kapso-ops" --server=127.0.0.1:50051 --timeout=20s overview --output json)"
}
image_cli_overview() {
  overview_ok "$(podman exec "$NAME-server" kapso-ops --timeout=20s overview --output json)"
}
check "kapso-ops overview (bazel-bin CLI) through the server image" host_cli_overview
check "kapso-ops overview (the image's CLI) through the server image" image_cli_overview

metrics_count_the_call() {
  in_netns curl -sf --max-time 5 http://127.0.0.1:9464/metrics |
    grep '^kapso_ops_rpc_requests_total{' | grep 'method="/kapso.ops.v1.Health/GetProjectOverview"' |
    grep -q 'code="OK"'
}
check "/metrics counts the overview RPC" metrics_count_the_call

locked_down() {  # PID: uid 65532, no capabilities at all
  awk '/^Uid:/ { u = ($2 $3 $4 $5 == "65532655326553265532") }
       /^Cap(Eff|Prm|Bnd):/ { if ($2 != "0000000000000000") caps = 1 }
       END { exit !(u && !caps) }' "/proc/$1/status"
}
check "server runs as uid 65532 without capabilities" locked_down "$SERVER_PID"
check "sandbox runs as uid 65532 without capabilities" locked_down "$SANDBOX_PID"
root_cannot_write() {
  local out
  out="$(podman exec --user 0 "$NAME-server" /bin/sh -c ': > /usr/local/bin/written' 2>&1)" && return 1
  grep -q "Read-only file system" <<<"$out"
}
check "root filesystem is read-only (even for root)" root_cannot_write

stops_cleanly() {  # NAME: SIGTERM (the image's STOPSIGNAL), exit code 0
  podman stop -t 30 "$NAME-$1" >/dev/null &&
    [ "$(podman inspect -f '{{.State.ExitCode}}' "$NAME-$1")" = 0 ]
}
check "server exits 0 on SIGTERM" stops_cleanly server
check "sandbox exits 0 on SIGTERM" stops_cleanly sandbox
((failed == 0)) || podman logs "$NAME-server" 2>&1 | tail -n 20

echo "image-smoke: ${passed} passed, ${failed} failed ($((SECONDS - started)) s)"
((failed == 0))
