"""The static-upstream scenario of bench/bench.py (see bench/README.md).

nginx from Debian, run unprivileged from a generated config in a temp dir,
answers every GET /platform/v1/whatsapp/messages/{id} with the example body
of Kapso's spec (taken at run time from the repo's copy of the spec,
contract/kapso-api/openapi-platform.yaml; provenance in
contract/kapso-api/provenance.json). An upstream far faster than Kapso, so
what the GetMessage rows add over the direct rows is kapso-ops' own cost.
nginx's stub_status counts the requests that reached it: upstream requests
per RPC sit next to every kapso-ops row, so coalescing (identical calls in
flight sharing one upstream call) cannot hide in the figures.
"""

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "contract", "kapso-api", "openapi-platform.yaml")
SPEC_PATH = "/whatsapp/messages/{message_id}"
PREFIX = "/platform/v1/whatsapp/messages/"
STATUS_PATH = "/__nginx_status"

NGINX_CONF = """daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location {prefix} {{
      default_type application/json;
      return 200 '{body}';
    }}
    location = {status} {{ stub_status; }}
  }}
}}
"""


def spec_example():
    """The 200 example of GET /whatsapp/messages/{message_id}, compact JSON."""
    with open(SPEC) as f:
        spec = yaml.safe_load(f)
    examples = spec["paths"][SPEC_PATH]["get"]["responses"]["200"]["content"][
        "application/json"]["examples"]
    value = next(iter(examples.values()))["value"]
    return json.dumps(value, separators=(",", ":"))


def free_port():
    # nginx refuses `listen ...:0`: ask the kernel for a free port, then
    # hand it over (a start that loses the race is retried by Nginx()).
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx serving the spec example, on 127.0.0.1, until stop()."""

    def __init__(self, out_dir):
        self.body = spec_example()
        # The body sits in a single-quoted nginx string: no quote, backslash
        # or variable ($) may appear in it.
        assert not set(self.body) & set("'\\$"), "the example needs escaping for nginx"
        self.dir = tempfile.mkdtemp(prefix="kapso-bench-nginx-")
        self.log_path = os.path.join(out_dir, "nginx.log")
        for attempt in range(5):
            self.port = free_port()
            conf = os.path.join(self.dir, "nginx.conf")
            with open(conf, "w") as f:
                f.write(NGINX_CONF.format(dir=self.dir, port=self.port, prefix=PREFIX,
                                          body=self.body, status=STATUS_PATH))
            self.proc = subprocess.Popen(
                ["/usr/sbin/nginx", "-p", self.dir, "-c", conf, "-e",
                 os.path.join(self.dir, "error.log")],
                stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
            if self._wait_ready():
                break
            self.stop()
        else:
            raise RuntimeError(f"nginx did not start; see {self.log_path}")
        self.addr = f"127.0.0.1:{self.port}"
        # The worker (worker_processes 1) is the process that serves.
        self.worker_pid = int(subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True,
            timeout=10).stdout.split()[0])

    def _wait_ready(self):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                self.requests()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def requests(self):
        """Requests nginx has served, this status request excluded."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{STATUS_PATH}",
                                    timeout=5) as resp:
            text = resp.read().decode()
        return int(re.search(r"^\s*\d+\s+\d+\s+(\d+)\s*$", text, re.M).group(1)) - 1

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


async def _distinct_ids(addr, seconds, concurrency, stub_mod, pb_mod):
    """GetMessage with a new id on every call, `concurrency` at a time, for
    `seconds`: nothing to coalesce."""
    from grpc import aio
    async with aio.insecure_channel(addr) as ch:
        stub = stub_mod.MessageDebugStub(ch)
        codes, n = {}, [0]
        end = time.monotonic() + seconds

        async def worker():
            while time.monotonic() < end:
                n[0] += 1
                try:
                    await stub.GetMessage(pb_mod.GetMessageRequest(
                        message_id=f"wamid.BENCH{n[0]:08d}"), timeout=30)
                    code = "OK"
                except aio.AioRpcError as e:
                    code = e.code().name
                codes[code] = codes.get(code, 0) + 1

        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))),
                               seconds + 60)
    return codes


def scenario_static(b, nginx, server, callers_list, duration, warmup, body, perf_dir=None):
    """Rows of direct h2load to nginx against GetMessage through kapso-ops
    (same id: h2load; distinct ids at >1 caller: Python grpc.aio)."""
    rows = []
    for callers in callers_list:
        direct = b.h2load(f"http://{nginx.addr}{PREFIX}{b.MESSAGE_ID}", callers, duration,
                          warmup, ["--h1", "-H", f"X-API-Key: {b.API_KEY}"],
                          cpu_pids=(nginx.worker_pid,))
        perf = start_perf(perf_dir, server.pid, f"static-{callers}", duration) if perf_dir else None
        via = b.h2load(f"http://{server.addr}{b.GRPC_PATH}", callers, duration, warmup,
                       ["-d", body] + b.GRPC_HEADERS, cpu_pids=(nginx.worker_pid, server.pid),
                       before_hook=nginx.requests)
        if perf:
            perf.wait(duration + 120)
        via["upstream_per_rpc"] = (nginx.requests() - via.pop("before")) / max(1, via["done"])
        via["server_cpu_us_per_rpc"] = b.cpu_us_per_rpc(via["cpu_s"][server.pid], via["done"])
        row = {"callers": callers, "direct": direct, "grpc": via}
        if callers > 1 and not perf_dir:
            row["distinct"] = distinct_ids(b, nginx, server, callers, duration)
        rows.append(row)
        b.log(f"static {callers} callers: direct {direct['rps']:.0f} req/s p50 "
              f"{direct['p50_ms']:.3f} ms; grpc {via['rps']:.0f} req/s p50 {via['p50_ms']:.3f} ms, "
              f"{via['server_cpu_us_per_rpc']:.0f} us/RPC, {via['upstream_per_rpc']:.2f} upstream/RPC")
    return rows


def floor(b, callers_list, duration, warmup, nginx):
    """What the per-call targets compare against on this machine: the same
    h2load load on bare gRPC servers (bench/bare_server: Debian's gRPC, no
    upstream, no JSON; its callback API as kapso-ops uses, and one async
    completion-queue thread), libcurl fetching the example from the same
    nginx alone (bench/curl_floor), and the JSON half of a GetMessage alone
    (bench/json_parse_bench on the body nginx serves)."""
    out = {api: bare_floor(b, api, callers_list, duration, warmup)
           for api in ("callback", "async")}
    out["curl"] = run_json(b, ["curl_floor", f"http://{nginx.addr}{PREFIX}floor", str(duration)],
                           timeout=duration + 60)
    body_file = os.path.join(b.OUT, "spec-getmessage.json")
    with open(body_file, "w") as f:
        f.write(nginx.body)
    out["json"] = run_json(b, ["json_parse_bench", body_file, "20000"], timeout=300)
    return out


def run_json(b, argv, timeout):
    """Runs bench/.out/ARGV[0] with the rest of argv; the JSON object it
    prints, or {"error": its stderr} when it fails."""
    res = b.run([os.path.join(b.OUT, argv[0])] + argv[1:], timeout=timeout)
    return json.loads(res.stdout) if res.returncode == 0 else {"error": res.stderr}


def bare_floor(b, api, callers_list, duration, warmup):
    """h2load's unary Health/Check on bench/bare_server --api=API, per caller count."""
    empty = b.empty_grpc_body_file()
    bare = b.Proc(f"bare-floor-{api}", [os.path.join(b.OUT, "bare_server"),
                                        "--listen=127.0.0.1:0", f"--api={api}"])
    rows = []
    try:
        for callers in callers_list:
            r = b.h2load(f"http://{bare.addr}/grpc.health.v1.Health/Check", callers, duration,
                         warmup, ["-d", empty] + b.GRPC_HEADERS, cpu_pids=(bare.pid,))
            r["server_cpu_us_per_rpc"] = b.cpu_us_per_rpc(r["cpu_s"][bare.pid], r["done"])
            rows.append(r)
    finally:
        bare.stop()
    return rows


def distinct_ids(b, nginx, server, callers, duration):
    requests0, cpu0, t0 = nginx.requests(), b.proc_cpu_seconds(server.pid), time.monotonic()
    codes = asyncio.run(_distinct_ids(server.addr, duration, callers,
                                      b.message_debug_pb2_grpc, b.message_debug_pb2))
    elapsed = time.monotonic() - t0
    cpu = b.proc_cpu_seconds(server.pid) - cpu0
    done = sum(codes.values())
    return {"codes": codes, "rps": done / elapsed,
            "server_cpu_us_per_rpc": b.cpu_us_per_rpc(cpu, done),
            "upstream_per_rpc": (nginx.requests() - requests0) / max(1, done)}


def start_perf(perf_dir, pid, name, duration):
    """perf record of `pid` over the measured run (started before it and
    stopped a little after it); call graphs through frame pointers are not
    available in the -c opt build, so DWARF unwinding, at a low rate."""
    os.makedirs(perf_dir, exist_ok=True)
    return subprocess.Popen(
        ["perf", "record", "-F", "499", "--call-graph", "dwarf,16384", "-p", str(pid),
         "-o", os.path.join(perf_dir, f"{name}.data"), "--", "sleep", str(duration + 1)],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(perf_dir, f"{name}.log"), "w"))


def render_floor(rows, fl):
    """The limit the per-call targets meet: what gRPC, libcurl and the JSON
    step cost alone on this machine, under the same load."""
    L = ["\n### The limit on this machine: each library alone\n",
         "`bench/bare_server` (Debian's gRPC 1.51, no upstream, no JSON, no decorators) "
         "answering `Health/Check` under the same h2load load: `callback` is gRPC's default "
         "health service, a callback-API handler as kapso-ops' are; `async` is one thread on one "
         "completion queue answering every method through the generic async API.\n",
         "| callers | callback calls/s | callback CPU µs/call | async calls/s "
         "| async CPU µs/call | async calls/s as % of direct HTTP "
         "| kapso-ops GetMessage CPU µs/RPC | kapso-ops / callback |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r, cb, asy in zip(rows, fl["callback"], fl["async"]):
        ours = r["grpc"]["server_cpu_us_per_rpc"]
        L.append(f"| {r['callers']} | {cb['rps']:.0f} | {cb['server_cpu_us_per_rpc']:.0f} "
                 f"| {asy['rps']:.0f} | {asy['server_cpu_us_per_rpc']:.0f} "
                 f"| {100 * asy['rps'] / max(1e-9, r['direct']['rps']):.0f}% | {ours:.0f} "
                 f"| {ours / max(1e-9, cb['server_cpu_us_per_rpc']):.1f}x |")
    c, j = fl["curl"], fl["json"]
    L.append(f"\nlibcurl alone (`bench/curl_floor`: one thread, one kept-alive connection, "
             f"the multi interface and curl_multi_poll as the service drives it): "
             + (f"{c['cpu_us_per_request']:.1f} µs of CPU per GET of the example, "
                f"{c['requests_per_s']:.0f} req/s." if "cpu_us_per_request" in c
                else f"failed: {c.get('error')}"))
    L.append(f"\nJSON alone (`bench/json_parse_bench`, hot caches): "
             + (f"ParseKapsoJson {j['parse_us']:.1f} µs per {j['bytes']}-byte body; "
                f"protobuf's JsonStringToMessage path {j['reference_us']:.1f} µs."
                if "parse_us" in j else f"failed: {j.get('error')}"))
    if "cpu_us_per_request" in c and "parse_us" in j:
        rest = c["cpu_us_per_request"] + j["parse_us"]
        for r, cb, asy in zip(rows, fl["callback"], fl["async"]):
            L.append(f"\nAt {r['callers']} callers, gRPC + libcurl + JSON alone (one upstream fetch per call): "
                     f"{asy['server_cpu_us_per_rpc'] + rest:.0f} µs per call with the async API, "
                     f"{cb['server_cpu_us_per_rpc'] + rest:.0f} µs with the callback API "
                     f"(target: ≤ 60 µs for all of GetMessage).")
    return "\n".join(L) + "\n"


def static_targets(rows):
    """The verdict table of issue 11's targets for the static rows."""
    L = ["| static-upstream target | measured | target | verdict |", "|---|---|---|---|"]
    for r in rows:
        d, g = r["direct"], r["grpc"]
        cpu = g["server_cpu_us_per_rpc"]
        extra = ""
        if r.get("distinct"):
            cpu = max(cpu, r["distinct"]["server_cpu_us_per_rpc"])
            extra = " (the larger of same-id and distinct-id runs)"
        L.append(f"| server CPU per GetMessage, {r['callers']} callers | {cpu:.0f} µs{extra} "
                 f"| ≤ 60 µs | {'met' if cpu <= 60 else 'NOT met'} |")
        if r["callers"] == 1:
            a50, a99 = g["p50_ms"] - d["p50_ms"], g["p99_ms"] - d["p99_ms"]
            L.append(f"| added latency, 1 caller | p50 {a50:+.3f} ms, p99 {a99:+.3f} ms "
                     f"| p50 ≤ 0.2 ms, p99 ≤ 1 ms "
                     f"| {'met' if a50 <= 0.2 and a99 <= 1.0 else 'NOT met'} |")
        if r["callers"] == 16:
            ratio = g["rps"] / d["rps"]
            L.append(f"| throughput, 16 callers | {100 * ratio:.0f}% of direct "
                     f"(upstream req/RPC {g['upstream_per_rpc']:.2f}) | ≥ 80% "
                     f"| {'met' if ratio >= 0.8 else 'NOT met'} |")
    return L


def render_static(b, rows, nginx_body_bytes):
    L = ["## Static upstream: direct HTTP to nginx vs GetMessage through kapso-ops\n",
         f"nginx (Debian, one worker, access log off) answers the spec's example "
         f"({nginx_body_bytes} bytes) for any id. Upstream req/RPC from nginx's "
         f"stub_status; below 1.00 means coalescing shared upstream calls.\n"]
    L.extend(b.latency_table(rows))
    for r in rows:
        x = r.get("distinct")
        if x:
            L.append(f"\nDistinct ids, {r['callers']} callers (Python grpc.aio client, a new id per "
                     f"call, so nothing coalesces; req/s is bounded by the Python client): "
                     f"{x['rps']:.0f} req/s, server CPU {x['server_cpu_us_per_rpc']:.0f} µs/RPC, "
                     f"{x['upstream_per_rpc']:.2f} upstream req/RPC, codes {x['codes']}.")
    L.append("")
    L.extend(static_targets(rows))
    for r in rows:
        for side in ("direct", "grpc"):
            x = r[side]
            cpu = (f"{list(round(v, 2) for v in x['cpu_s'].values())} (nginx worker"
                   f"{', server' if side == 'grpc' else ''})")
            L.append(b.run_detail(f"static {r['callers']} callers {side}", x, cpu))
    return "\n".join(L) + "\n"
