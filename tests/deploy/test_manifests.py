"""What deploy/ promises operators, checked on the files themselves.

The Kubernetes manifests and the Istio overlay are loaded the way kustomize
would (resources, nested bases, strategic-merge patches of maps), with PyYAML
(pinned in tests/e2e/requirements.txt), and no cluster. The manifests'
server flags are run through the built server binary, and the image's
runtime packages through deploy/check-runtime-deps.sh (ldd + dpkg -S), since
no Docker engine runs here.
"""
import copy
import fnmatch
import os
import pathlib
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
ISTIO = DEPLOY / "mesh" / "istio"
DOCKERFILE = DEPLOY / "Dockerfile"
CHECK_DEPS = DEPLOY / "check-runtime-deps.sh"
BAZEL_BIN = ROOT / "bazel-bin"
SERVER = BAZEL_BIN / "service" / "kapso_ops_server"
BINARIES = [SERVER, BAZEL_BIN / "cli" / "kapso-ops", BAZEL_BIN / "sandbox" / "kapso_sandbox"]
PROTO_DIR = ROOT / "proto" / "kapso" / "ops" / "v1"

# Default of --shutdown_grace in service/server_main.cc, when no flag sets it.
DEFAULT_SHUTDOWN_GRACE_S = 10.0


# --- loading, as kustomize does -------------------------------------------


def _kustomization(directory):
    return yaml.safe_load((directory / "kustomization.yaml").read_text())


def _merge(base, patch):
    """Strategic merge of maps (what our patches use): maps merge, the rest replaces."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = _merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(patch)


def _key(doc):
    return (doc["kind"], doc["metadata"]["name"])


def render(directory):
    """The documents `kubectl apply -k DIRECTORY` would apply."""
    kust = _kustomization(directory)
    docs = []
    for entry in kust.get("resources", []):
        path = directory / entry
        if path.is_dir():
            docs.extend(render(path))
        else:
            docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    by_key = {_key(d): i for i, d in enumerate(docs)}
    for patch in kust.get("patches", []):
        for p in yaml.safe_load_all((directory / patch["path"]).read_text()):
            assert _key(p) in by_key, f"{patch['path']} patches {_key(p)}, which is no resource"
            i = by_key[_key(p)]
            docs[i] = _merge(docs[i], p)
    if "namespace" in kust:
        for d in docs:
            if d["kind"] != "Namespace":
                d["metadata"]["namespace"] = kust["namespace"]
    return docs


def one(docs, kind):
    found = [d for d in docs if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module", params=[K8S, ISTIO], ids=["k8s", "istio"])
def docs(request):
    return render(request.param)


@pytest.fixture(scope="module")
def base():
    return render(K8S)


@pytest.fixture(scope="module")
def istio():
    return render(ISTIO)


def server_container(docs):
    deployment = one(docs, "Deployment")
    containers = deployment["spec"]["template"]["spec"]["containers"]
    return next(c for c in containers if c["name"] == "server")


def flag(args, name):
    """Value of --name=VALUE in a container's args, or None."""
    for arg in args:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return None


def duration_seconds(text):
    """Abseil durations as flags take them: 10s, 1m30s, 500ms, 1.5h."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)", text)
    assert parts and "".join(n + u for n, u in parts) == text, f"not a duration: {text!r}"
    return sum(float(n) * units[u] for n, u in parts)


def quantity(text):
    """Kubernetes quantity -> number (bytes or cores)."""
    text = str(text)
    suffixes = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9, "m": 1e-3}
    for suffix, factor in suffixes.items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


def mounted_file(docs, container, path):
    """(volume, item key) of the file at PATH in the container, from its mounts."""
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for mount in container.get("volumeMounts", []):
        prefix = mount["mountPath"].rstrip("/") + "/"
        if path.startswith(prefix):
            volume = volumes[mount["name"]]
            rel = path[len(prefix):]
            source = volume.get("secret") or volume.get("configMap") or {}
            items = source.get("items")
            key = next((i["key"] for i in items if i["path"] == rel), None) if items else rel
            return volume, key
    return None, None


def server_flags(docs):
    """Every flag the server gets: its args, then its --flagfile from the ConfigMap."""
    container = server_container(docs)
    args = list(container.get("args", []))
    flagfile = flag(args, "flagfile")
    if flagfile:
        volume, key = mounted_file(docs, container, flagfile)
        assert volume and "configMap" in volume, f"--flagfile={flagfile} is not mounted from a ConfigMap"
        configmaps = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
        text = configmaps[volume["configMap"]["name"]]["data"][key]
        args += [line.strip() for line in text.splitlines()
                 if line.strip() and not line.strip().startswith("#")]
    return args


def shutdown_grace_s(docs):
    value = flag(server_flags(docs), "shutdown_grace")
    return duration_seconds(value) if value else DEFAULT_SHUTDOWN_GRACE_S


def prestop_sleep_s(container):
    command = container["lifecycle"]["preStop"]["exec"]["command"]
    words = shlex.split(command[-1]) if command[0] in ("sh", "/bin/sh") else command
    assert os.path.basename(words[0]) == "sleep", f"preStop is not a sleep: {command}"
    return duration_seconds(words[1] if words[1][-1].isalpha() else words[1] + "s")


def listen_port(container):
    return int(flag(container["args"], "listen").rsplit(":", 1)[1])


def pod_labels(docs):
    return one(docs, "Deployment")["spec"]["template"]["metadata"]["labels"]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


# --- kustomize structure ----------------------------------------------------


@pytest.mark.parametrize("directory", [K8S, ISTIO], ids=["k8s", "istio"])
def test_kustomization_lists_only_files_that_exist(directory):
    kust = _kustomization(directory)
    listed = kust.get("resources", []) + [p["path"] for p in kust.get("patches", [])]
    assert listed, "empty kustomization"
    assert len(listed) == len(set(listed)), f"listed twice: {listed}"
    for entry in listed:
        path = (directory / entry).resolve()
        assert path.exists(), f"{directory / 'kustomization.yaml'} lists {entry}, which does not exist"
        if path.is_dir():
            assert (path / "kustomization.yaml").exists(), f"{entry} is a directory without kustomization.yaml"
    # and nothing written is forgotten: every manifest of the directory is used
    # (the Secret template alone is left out on purpose).
    on_disk = {p.name for p in directory.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert on_disk <= set(listed), f"not in kustomization.yaml: {sorted(on_disk - set(listed))}"


def test_kustomization_never_ships_the_secret(docs):
    # Re-applying must never overwrite the real key with the template.
    assert not [d for d in docs if d["kind"] == "Secret"]
    assert "secret.example.yaml" not in _kustomization(K8S)["resources"]


def test_every_resource_lands_in_one_namespace(docs):
    namespace = one(docs, "Namespace")["metadata"]["name"]
    for d in docs:
        if d["kind"] != "Namespace":
            assert d["metadata"]["namespace"] == namespace, _key(d)


# --- the Deployment ---------------------------------------------------------


def test_every_container_has_requests_and_limits_sized_for_the_server(docs):
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    for c in pod["containers"] + pod.get("initContainers", []):
        res = c.get("resources", {})
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(res.get(kind, {})), f"{c['name']}: {kind} {res.get(kind)}"
        for r in ("cpu", "memory"):
            assert quantity(res["requests"][r]) <= quantity(res["limits"][r]), f"{c['name']} {r}"
    res = server_container(docs)["resources"]
    # ~30 MB RSS idle fits the request; < 100 MB at 1,000 in-flight RPCs fits
    # the limit with headroom.
    assert quantity(res["requests"]["memory"]) >= 32 * 2**20
    assert quantity(res["limits"]["memory"]) >= 128 * 2**20


def test_pods_run_locked_down(docs):
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    pod_sc = pod.get("securityContext", {})
    sa = one(docs, "ServiceAccount")
    assert pod["serviceAccountName"] == sa["metadata"]["name"]
    assert pod.get("automountServiceAccountToken", sa.get("automountServiceAccountToken")) is False
    for c in pod["containers"] + pod.get("initContainers", []):
        sc = c.get("securityContext", {})
        effective = {**pod_sc, **sc}
        assert effective.get("runAsNonRoot") is True, c["name"]
        assert effective.get("runAsUser", 65532) != 0, c["name"]
        assert sc.get("readOnlyRootFilesystem") is True, c["name"]
        assert sc.get("allowPrivilegeEscalation") is False, c["name"]
        assert not sc.get("privileged", False), c["name"]
        assert sc.get("capabilities", {}).get("drop") == ["ALL"], c["name"]
        assert not sc.get("capabilities", {}).get("add"), c["name"]
        assert effective.get("seccompProfile", {}).get("type") == "RuntimeDefault", c["name"]
    # the uid the image's USER sets, so runAsNonRoot and file modes agree
    user = re.findall(r"^USER\s+(\S+)", DOCKERFILE.read_text(), re.M)[-1]
    assert str({**pod_sc, **server_container(docs)["securityContext"]}["runAsUser"]) == user.split(":")[0]


def test_probes_are_grpc_health_of_the_whole_server_on_the_serving_port(docs):
    c = server_container(docs)
    port = listen_port(c)
    grpc_ports = [p["containerPort"] for p in c["ports"] if p["name"] == "grpc"]
    assert grpc_ports == [port], f"containerPort grpc {grpc_ports} != --listen port {port}"
    for name in ("startupProbe", "readinessProbe", "livenessProbe"):
        probe = c[name]
        assert not {"httpGet", "tcpSocket", "exec"} & set(probe), f"{name}: not a gRPC probe"
        assert probe["grpc"]["port"] == port, name
        # "" (the server): the kapso.ops.v1.* names follow the upstream
        # circuit, the same on every replica; probing them would unroute or
        # restart every replica during a Kapso outage.
        assert probe["grpc"].get("service") == "", name


def test_the_api_key_is_a_mounted_secret_file_never_an_env_var(docs):
    c = server_container(docs)
    key_path = flag(c["args"], "kapso_api_key_file")
    assert key_path == "/var/run/secrets/kapso/api-key"
    volume, key = mounted_file(docs, c, key_path)
    assert volume is not None and "secret" in volume, f"{key_path} is not mounted from a Secret"
    mount = next(m for m in c["volumeMounts"] if m["name"] == volume["name"])
    assert mount.get("readOnly") is True
    # the template operators copy names the same Secret and key
    template = yaml.safe_load((K8S / "secret.example.yaml").read_text())
    assert template["kind"] == "Secret"
    assert volume["secret"]["secretName"] == template["metadata"]["name"]
    assert key in template["stringData"]
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    for container in pod["containers"] + pod.get("initContainers", []):
        for env in container.get("env", []):
            assert env["name"] != "KAPSO_API_KEY", container["name"]
            assert "secretKeyRef" not in env.get("valueFrom", {}), f"{container['name']}: {env['name']}"
            assert not re.search(r"KEY|SECRET|TOKEN|PASSWORD", env["name"]), env["name"]
        for source in container.get("envFrom", []):
            assert "secretRef" not in source, container["name"]
    for cm in (d for d in docs if d["kind"] == "ConfigMap"):
        assert "KAPSO_API_KEY" not in cm.get("data", {})
        assert "api_key=" not in str(cm.get("data", {})).replace("api_key_file", ""), cm["metadata"]["name"]


def test_termination_outlasts_prestop_plus_shutdown_grace(docs):
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    sleep_s = prestop_sleep_s(server_container(docs))
    grace_s = shutdown_grace_s(docs)
    assert sleep_s >= 3, "endpoint removal needs a few seconds to reach every proxy"
    assert pod["terminationGracePeriodSeconds"] > sleep_s + grace_s, (
        f"terminationGracePeriodSeconds {pod['terminationGracePeriodSeconds']} <= "
        f"preStop {sleep_s}s + --shutdown_grace {grace_s}s: SIGKILL would cut the drain")


def test_rollouts_keep_capacity_and_spread(docs):
    deployment = one(docs, "Deployment")
    spec = deployment["spec"]
    assert spec["replicas"] == 3
    assert spec["strategy"]["type"] == "RollingUpdate"
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert selects(spec["selector"]["matchLabels"], pod_labels(docs))
    spread = spec["template"]["spec"]["topologySpreadConstraints"]
    assert {t["topologyKey"] for t in spread} >= {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}
    for t in spread:
        assert selects(t["labelSelector"]["matchLabels"], pod_labels(docs))
    pdb = one(docs, "PodDisruptionBudget")["spec"]
    assert pdb["minAvailable"] == 2 and selects(pdb["selector"]["matchLabels"], pod_labels(docs))
    hpa = one(docs, "HorizontalPodAutoscaler")["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                     "name": deployment["metadata"]["name"]}
    assert hpa["minReplicas"] > pdb["minAvailable"], "a drain at minReplicas would block on the PDB"
    assert hpa["maxReplicas"] >= hpa["minReplicas"]
    assert [m["resource"]["name"] for m in hpa["metrics"] if m["type"] == "Resource"] == ["cpu"]


# --- the Service and metrics ------------------------------------------------


def test_service_port_is_grpc_for_meshes(docs):
    service = one(docs, "Service")
    c = server_container(docs)
    assert service["spec"]["type"] == "ClusterIP"
    assert selects(service["spec"]["selector"], pod_labels(docs))
    named = {p["name"]: p["containerPort"] for p in c["ports"]}
    grpc = [p for p in service["spec"]["ports"] if named.get(p["targetPort"], p["targetPort"]) == listen_port(c)]
    assert len(grpc) == 1, "one Service port reaches the gRPC port"
    assert grpc[0]["name"] == "grpc" and grpc[0]["appProtocol"] == "grpc"
    assert grpc[0].get("protocol", "TCP") == "TCP"


def test_metrics_port_is_scraped_where_the_server_serves_it(docs):
    c = server_container(docs)
    port = int(flag(c["args"], "metrics_listen").rsplit(":", 1)[1])
    annotations = one(docs, "Deployment")["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert int(annotations["prometheus.io/port"]) == port
    assert annotations["prometheus.io/path"] == "/metrics"
    assert {"name": "metrics", "containerPort": port, "protocol": "TCP"} in c["ports"]
    service_targets = [p["targetPort"] for p in one(docs, "Service")["spec"]["ports"]]
    assert "metrics" in service_targets
    assert f"EXPOSE {port}" in DOCKERFILE.read_text()


# --- Istio --------------------------------------------------------------------


def _rpcs():
    """(service, method) of every kapso.ops.v1 RPC, from the protos."""
    out = []
    for proto in sorted(PROTO_DIR.glob("*.proto")):
        text = proto.read_text()
        package = re.search(r"^package\s+([\w.]+);", text, re.M).group(1)
        for service, body in re.findall(r"^service\s+(\w+)\s*\{(.*?)^\}", text, re.M | re.S):
            out += [(f"{package}.{service}", m) for m in re.findall(r"^\s*rpc\s+(\w+)\s*\(", body, re.M)]
    assert len(out) >= 15, out
    return out


# Reads whose names do not say so.
_READS = {"RunTriage"}


def _is_read(method):
    return method.startswith(("List", "Get", "Check", "Resolve", "Follow")) or method in _READS


def _is_stream(method):
    """The live tails: server streams that run until stopped."""
    return method.startswith("Follow")


def _first_route(vs, path):
    """The route Istio picks for a gRPC path: the first whose match list matches."""
    for route in vs["spec"]["http"]:
        matches = route.get("match")
        if not matches:
            return route
        for m in matches:
            uri = m.get("uri", {})
            if ("exact" in uri and path == uri["exact"]) or ("prefix" in uri and path.startswith(uri["prefix"])):
                return route
    return None


def test_virtualservice_never_retries_a_write(istio):
    vs = one(istio, "VirtualService")
    writes = [(s, m) for s, m in _rpcs() if not _is_read(m)]
    assert {m for _, m in writes} >= {"CreateWebhook", "UpdateWebhook", "DeleteWebhook", "TestWebhook"}
    for service, method in writes:
        route = _first_route(vs, f"/{service}/{method}")
        assert route is not None, method
        # explicit 0: without a retry policy Istio retries twice by default
        assert route.get("retries", {}).get("attempts") == 0, f"{method} is retried by route {route.get('name')}"
        assert route.get("match"), f"{method} falls through to the default route: classify it"


def test_virtualservice_retries_every_read_on_unavailable_with_a_timeout(istio):
    vs = one(istio, "VirtualService")
    for service, method in _rpcs():
        if not _is_read(method) or _is_stream(method):
            continue
        route = _first_route(vs, f"/{service}/{method}")
        assert route is not None and route.get("match"), f"{method} has no route of its own"
        retries = route.get("retries", {})
        assert retries.get("attempts", 0) >= 1, method
        assert "unavailable" in retries["retryOn"].split(","), method
        assert duration_seconds(route["timeout"]) > 0, method


def test_virtualservice_lets_follow_streams_run_and_never_retries_them(istio):
    vs = one(istio, "VirtualService")
    streams = [(s, m) for s, m in _rpcs() if _is_stream(m)]
    assert {m for _, m in streams} == {"FollowMessageErrors", "FollowApiLogs", "FollowWebhookDeliveries"}
    for service, method in streams:
        route = _first_route(vs, f"/{service}/{method}")
        assert route is not None and route.get("match"), f"{method} has no route of its own"
        assert duration_seconds(route["timeout"]) == 0, f"{method}: a route timeout would cut the stream"
        assert route.get("retries", {}).get("attempts") == 0, method


def test_virtualservice_routes_to_the_service_and_ends_without_retries(istio, base):
    vs = one(istio, "VirtualService")
    service = one(base, "Service")
    fqdn = f"{service['metadata']['name']}.{service['metadata']['namespace']}.svc.cluster.local"
    assert vs["spec"]["hosts"] == [fqdn]
    grpc_port = next(p["port"] for p in service["spec"]["ports"] if p["name"] == "grpc")
    for route in vs["spec"]["http"]:
        for destination in route["route"]:
            assert destination["destination"] == {"host": fqdn, "port": {"number": grpc_port}}
        assert "timeout" in route, route.get("name")
    last = vs["spec"]["http"][-1]
    assert not last.get("match") and last["retries"]["attempts"] == 0
    assert one(istio, "DestinationRule")["spec"]["host"] == fqdn


def test_destinationrule_speaks_http2_with_pools_and_outlier_detection(istio):
    policy = one(istio, "DestinationRule")["spec"]["trafficPolicy"]
    assert policy["connectionPool"]["http"]["h2UpgradePolicy"] == "UPGRADE"
    assert policy["connectionPool"]["http"]["http2MaxRequests"] > 0
    assert policy["connectionPool"]["tcp"]["maxConnections"] > 0
    outlier = policy["outlierDetection"]
    assert outlier["consecutiveLocalOriginFailures"] > 0
    assert outlier["maxEjectionPercent"] < 50, "never eject most replicas"
    assert policy["tls"]["mode"] == "ISTIO_MUTUAL"


def test_mtls_is_strict_and_only_named_identities_may_call(istio):
    labels = pod_labels(istio)
    peer = one(istio, "PeerAuthentication")["spec"]
    assert peer["mtls"]["mode"] == "STRICT" and selects(peer["selector"]["matchLabels"], labels)
    grpc_port = str(listen_port(server_container(istio)))
    assert grpc_port not in {str(k) for k in peer.get("portLevelMtls", {})}, "the gRPC port must stay STRICT"
    authz = one(istio, "AuthorizationPolicy")["spec"]
    assert authz["action"] == "ALLOW" and selects(authz["selector"]["matchLabels"], labels)
    grpc_rules = [r for r in authz["rules"]
                  if any(grpc_port in op["operation"].get("ports", [grpc_port]) for op in r.get("to", [{"operation": {}}]))]
    assert grpc_rules, "no rule admits gRPC callers"
    for rule in grpc_rules:
        principals = [p for f in rule.get("from", []) for p in f["source"].get("principals", [])]
        assert principals, f"a rule admits any caller to the gRPC port: {rule}"
        for p in principals:
            assert re.fullmatch(r"[\w.-]+/ns/[\w-]+/sa/[\w-]+", p), f"not one named service account: {p}"


def _proto_methods():
    """Every kapso.ops.v1 RPC as its gRPC path, from the .proto files."""
    methods = []
    for proto in sorted((ROOT / "proto" / "kapso" / "ops" / "v1").glob("*.proto")):
        service = None
        for line in proto.read_text().splitlines():
            m = re.match(r"service\s+(\w+)", line)
            if m:
                service = m.group(1)
            m = re.match(r"\s*rpc\s+(\w+)\(", line)
            if m and service:
                methods.append(f"/kapso.ops.v1.{service}/{m.group(1)}")
    return methods


WRITE_RPC = re.compile(r"/(Create|Update|Delete|Test)\w+$")


def test_istio_policy_separates_readers_from_writers(istio):
    authz = one(istio, "AuthorizationPolicy")["spec"]
    allowed = {}  # path -> principals that may call it
    for rule in authz["rules"]:
        principals = {p for f in rule.get("from", []) for p in f["source"].get("principals", [])}
        for op in rule.get("to", []):
            for path in op["operation"].get("paths", []):
                allowed.setdefault(path, set()).update(principals)
    methods = _proto_methods()
    assert len(methods) >= 15
    writes = [m for m in methods if WRITE_RPC.search(m)]
    reads = [m for m in methods if m not in writes]
    assert writes and reads
    for method in methods:
        assert method in allowed and allowed[method], f"no caller may call {method}"
        assert "*" not in method
    writers = set.union(*(allowed[m] for m in writes))
    readers = set.union(*(allowed[m] for m in reads))
    assert readers - writers, "no caller is read-only"
    for method in writes:
        assert not (allowed[method] & (readers - writers)), f"a reader may call {method}"
    # Nothing is admitted by a wildcard path or a rule without paths on the gRPC port.
    for rule in authz["rules"]:
        for op in rule.get("to", []):
            if "50051" in op["operation"].get("ports", []):
                assert op["operation"].get("paths"), f"a rule admits every method: {rule}"
                assert not any("*" in p for p in op["operation"]["paths"])


def test_istio_sidecar_outlives_the_drain(istio):
    annotations = one(istio, "Deployment")["spec"]["template"]["metadata"]["annotations"]
    proxy = yaml.safe_load(annotations["proxy.istio.io/config"])
    drain_s = duration_seconds(proxy["terminationDrainDuration"])
    pod = one(istio, "Deployment")["spec"]["template"]["spec"]
    assert drain_s >= prestop_sleep_s(server_container(istio)) + shutdown_grace_s(istio)
    assert drain_s < pod["terminationGracePeriodSeconds"]
    assert one(istio, "Namespace")["metadata"]["labels"].get("istio-injection") == "enabled"


# --- the image ----------------------------------------------------------------


def _dockerfile_stages():
    stages, current = {}, None
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.I)
        if m:
            current = m.group(2) or m.group(1)
            stages[current] = {"from": m.group(1), "lines": []}
        elif current and line and not line.startswith("#"):
            stages[current]["lines"].append(line)
    return stages


def test_dockerfile_runtime_stage(base):
    stages = _dockerfile_stages()
    assert stages["build"]["from"] == "debian:12"
    runtime_name = list(stages)[-1]  # the default target
    runtime = stages[runtime_name]
    assert runtime_name == "runtime" and runtime["from"] == "debian:12-slim"
    lines = runtime["lines"]
    assert "USER 65532:65532" in lines
    assert 'ENTRYPOINT ["/usr/local/bin/kapso_ops_server"]' in lines
    assert "STOPSIGNAL SIGTERM" in lines
    assert {"EXPOSE 50051", "EXPOSE 9464"} <= set(lines)
    assert any("--listen=0.0.0.0:50051" in l for l in lines if l.startswith("CMD"))
    build = " ".join(stages["build"]["lines"])
    for target in ("//service:kapso_ops_server", "//cli:kapso-ops", "//sandbox:kapso_sandbox"):
        assert target in build
    assert "bazel build -c opt" in build
    # the image listens where the manifests probe
    assert listen_port(server_container(base)) == 50051


def _dockerignore_excludes(patterns, path):
    excluded = False
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        if any(fnmatch.fnmatchcase(c, pattern) or fnmatch.fnmatchcase(c, pattern.replace("**/", "")) for c in candidates):
            excluded = not negate
    return excluded


def test_docker_context_keeps_what_the_build_needs():
    # BuildKit reads <Dockerfile>.dockerignore for `docker build -f deploy/Dockerfile .`
    ignore = DEPLOY / "Dockerfile.dockerignore"
    patterns = [l.strip() for l in ignore.read_text().splitlines() if l.strip() and not l.startswith("#")]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    needed_dirs = ("proto/", "kapso_client/", "service/", "cli/", "sandbox/", "third_party/", "tools/")
    needed = ["WORKSPACE", ".bazelrc", "scripts/setup.sh"] + [f for f in tracked if f.startswith(needed_dirs)]
    for stage in _dockerfile_stages().values():
        for line in stage["lines"]:
            words = line.split()
            if words[0] == "COPY" and not any(w.startswith("--from") for w in words):
                needed += [w for w in words[1:-1] if w != "."]
    for path in needed:
        assert (ROOT / path).exists(), f"the Dockerfile needs {path}, which does not exist"
        assert not _dockerignore_excludes(patterns, path), f"{ignore.name} excludes {path}, which the build needs"
    for path in (".git/HEAD", ".venv/bin/python", "bazel-bin/x", "tools/protodeps/node_modules/x/y", "bench/run.sh"):
        assert _dockerignore_excludes(patterns, path), f"{path} would be sent to the builder"


# --- against the built binaries -------------------------------------------------

binaries_built = pytest.mark.skipif(
    not all(b.exists() for b in BINARIES),
    reason="bazel-bin binaries absent: run `bazel build //service:kapso_ops_server //cli:kapso-ops "
           "//sandbox:kapso_sandbox` (scripts/test.sh builds them before pytest)")


@binaries_built
def test_image_runtime_packages_provide_every_shared_library():
    result = subprocess.run([str(CHECK_DEPS)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 binaries, every shared library provided" in result.stdout


@binaries_built
@pytest.mark.parametrize("edit, expected", [
    (lambda t: t.replace("      libcurl4 \\\n", ""), "add libcurl4 to stage 'runtime'"),
    (lambda t: t.replace("      libgrpc++1.51 \\\n", ""), "libgrpc++1.51"),
    (lambda t: t.replace("      ca-certificates \\\n", ""), "ca-certificates"),
    (lambda t: t.replace("libcpp-httplib0.11 ", ""), "libcpp-httplib0.11"),
    (lambda t: t.replace("libre2-9", "libre2-10"), "no Debian 12 package"),
], ids=["missing-curl", "missing-grpc++", "missing-ca-certificates", "sandbox-missing-httplib", "typo"])
def test_runtime_deps_check_catches_a_missing_package(tmp_path, edit, expected):
    broken = tmp_path / "Dockerfile"
    original = DOCKERFILE.read_text()
    broken.write_text(edit(original))
    assert broken.read_text() != original, "the edit did not apply: update this test"
    result = subprocess.run([str(CHECK_DEPS), "--dockerfile", str(broken)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout, result.stdout


@binaries_built
def test_the_manifests_flags_start_the_server_and_it_stops_cleanly(base, tmp_path):
    """The Deployment's args and its ConfigMap flagfile, on the real binary:
    every flag exists (an unknown one would crash-loop the pods), the server
    serves, and SIGTERM ends it with 0 within the grace."""
    container = server_container(base)
    configmap = one(base, "ConfigMap")
    flagfile = tmp_path / "server.flags"
    volume, key = mounted_file(base, container, flag(container["args"], "flagfile"))
    flagfile.write_text(configmap["data"][key])
    key_file = tmp_path / "api-key"
    key_file.write_text("test-key\n")
    port_file = tmp_path / "port"
    local = {"listen": "127.0.0.1:0", "metrics_listen": "127.0.0.1:0",
             "kapso_api_key_file": str(key_file), "flagfile": str(flagfile)}
    args = []
    for arg in container["args"]:
        name = arg[2:].split("=", 1)[0]
        args.append(f"--{name}={local[name]}" if name in local else arg)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           # nothing listens on port 9: the server does not call Kapso to start
           "KAPSO_API_BASE_URL": "http://127.0.0.1:9"}
    assert configmap["data"]["KAPSO_API_BASE_URL"].startswith("https://")
    proc = subprocess.Popen([str(SERVER), *args, f"--port_file={port_file}"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 10
        while not (port_file.exists() and port_file.read_text().strip()):
            assert proc.poll() is None, f"server exited {proc.returncode}: {proc.stdout.read()}"
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        port = int(port_file.read_text())
        import grpc
        from grpc_health.v1 import health_pb2, health_pb2_grpc
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)
            reply = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=shutdown_grace_s(base) + 5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
