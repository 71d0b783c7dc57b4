#!/usr/bin/env python3
"""The kapso-ops benchmark driver (run it through bench/run.sh).

Starts its own sandbox, kapso-ops server and bare gRPC server from
bench/.out/ on loopback, runs every scenario with bounded counts and
timeouts, prints one table and writes bench/results.md and
bench/.out/results.json. Needs the project's .venv (grpcio, protobuf) and
h2load (Debian nghttp2-client); hyperfine is optional (the CLI scenario
falls back to a shell loop).
"""

import argparse
import asyncio
import datetime
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", ".out")
sys.path.insert(0, os.path.join(ROOT, "clients", "python", "src"))

import grpc  # noqa: E402
from grpc_health.v1 import health_pb2, health_pb2_grpc  # noqa: E402
from kapso_ops.v1 import message_debug_pb2, message_debug_pb2_grpc  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "bench"))
import static_upstream  # noqa: E402

API_KEY = "sandbox-key"
MESSAGE_ID = "wamid.SANDBOX0001"
DIRECT_PATH = "/platform/v1/whatsapp/messages/" + MESSAGE_ID
GRPC_PATH = "/kapso.ops.v1.MessageDebug/GetMessage"
GRPC_HEADERS = ["-H", "content-type: application/grpc", "-H", "te: trailers"]
POOL_DEFAULT = 32


def log(*args):
    print("bench:", *args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes

def proc_status(pid):
    """Threads, VmRSS and VmHWM (kB) of a process from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("Threads", "VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields


def thread_names(pid):
    """{comm: count} of a process's threads."""
    names = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
        except FileNotFoundError:
            continue
        names[name] = names.get(name, 0) + 1
    return names


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


class Proc:
    """A child started with a --port_file; stopped with SIGTERM, then KILL."""

    def __init__(self, name, argv, env=None):
        self.name = name
        self.port_file = os.path.join(OUT, f"{name}.port")
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self.log_path = os.path.join(OUT, f"{name}.log")
        self.proc = subprocess.Popen(
            argv + [f"--port_file={self.port_file}"],
            stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT,
            env=dict(os.environ, **(env or {})))
        deadline = time.monotonic() + 15
        while not (os.path.exists(self.port_file) and open(self.port_file).read().strip()):
            if self.proc.poll() is not None:
                raise RuntimeError(f"{name} exited; see {self.log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; see {self.log_path}")
            time.sleep(0.02)
        self.port = int(open(self.port_file).read())
        self.addr = f"127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def run(argv, timeout, **kw):
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kw)


# ---------------------------------------------------------------- sandbox admin

def admin(sandbox, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://{sandbox.addr}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        text = resp.read().decode()
    return json.loads(text) if text.strip() else {}


def sandbox_stats(sandbox):
    return admin(sandbox, "GET", "/__sandbox/stats")


# ---------------------------------------------------------------- load

def grpc_body_file():
    body = message_debug_pb2.GetMessageRequest(message_id=MESSAGE_ID).SerializeToString()
    path = os.path.join(OUT, "getmessage.grpc")
    with open(path, "wb") as f:
        f.write(b"\x00" + struct.pack(">I", len(body)) + body)
    return path


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def h2load(url, callers, duration, warmup, extra, cpu_pids=(), before_hook=None):
    """One h2load run in duration mode: `callers` connections, one request
    outstanding on each. Returns req/s, p50/p99/mean (ms) from the per-request
    log, failures, and the CPU seconds each pid in cpu_pids spent."""
    log_file = os.path.join(OUT, "h2load.log")
    if os.path.exists(log_file):
        os.unlink(log_file)
    base = ["h2load", "-t", "1", "-c", str(callers), "-m", "1"]
    if warmup:  # a separate run, so the CPU and upstream counts below see only the measured one
        run(base + ["-D", str(warmup)] + extra + [url], timeout=warmup + 60)
    argv = base + ["-D", str(duration), f"--log-file={log_file}"] + extra + [url]
    before = before_hook() if before_hook else None
    cpu_before = {pid: proc_cpu_seconds(pid) for pid in cpu_pids}
    res = run(argv, timeout=duration + warmup + 60)
    cpu = {pid: proc_cpu_seconds(pid) - cpu_before[pid] for pid in cpu_pids}
    if res.returncode != 0:
        raise RuntimeError(f"h2load failed: {res.stderr}\n{res.stdout}")
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                  r"(\d+) failed, (\d+) errored, (\d+) timeout", res.stdout)
    done, succeeded = int(m.group(3)), int(m.group(4))
    durations, statuses = [], {}
    t_first, t_last = None, None
    with open(log_file) as f:
        for line in f:
            start_us, status, dur_us = line.split()
            start_us, dur_us = int(start_us), int(dur_us)
            statuses[status] = statuses.get(status, 0) + 1
            durations.append(dur_us / 1000.0)
            t_first = start_us if t_first is None else min(t_first, start_us)
            t_last = start_us + dur_us if t_last is None else max(t_last, start_us + dur_us)
    durations.sort()
    n = len(durations)
    return {
        "callers": callers, "requests": n, "done": done, "succeeded": succeeded,
        "statuses": statuses,
        "rps": n / duration,
        "p50_ms": percentile(durations, 50), "p99_ms": percentile(durations, 99),
        "mean_ms": sum(durations) / n if n else float("nan"),
        "cpu_s": cpu, "before": before,
    }


def grpc_ok_once(addr, expected_id=MESSAGE_ID):
    with grpc.insecure_channel(addr) as ch:
        reply = message_debug_pb2_grpc.MessageDebugStub(ch).GetMessage(
            message_debug_pb2.GetMessageRequest(message_id=MESSAGE_ID), timeout=10)
        assert reply.id == expected_id, reply
        return reply


def health_once(addr):
    with grpc.insecure_channel(addr) as ch:
        reply = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING, reply


def empty_grpc_body_file():
    """An empty message in gRPC's framing (h2load -d), e.g. a HealthCheckRequest."""
    path = os.path.join(OUT, "empty.grpc")
    with open(path, "wb") as f:
        f.write(b"\x00\x00\x00\x00\x00")
    return path


def run_detail(label, x, cpu):
    """The report's detail line of one h2load run `x`; `cpu`: its CPU seconds, as shown."""
    return (f"- {label}: {x['requests']} requests logged, mean {x['mean_ms']:.3f} ms, "
            f"HTTP statuses {x['statuses']}, CPU s {cpu}")


def cpu_us_per_rpc(cpu_s, rpcs):
    return 1e6 * cpu_s / max(1, rpcs)


def health_once_h2load(addr):
    """One Health/Check from a separate process (so the measured server sees a
    real call, and this process's gRPC library is not involved)."""
    path = empty_grpc_body_file()
    res = run(["h2load", "-n", "1", "-c", "1", "-d", path] + GRPC_HEADERS +
              [f"http://{addr}/grpc.health.v1.Health/Check"], timeout=30)
    assert "1 succeeded" in res.stdout, res.stdout


async def _many_in_flight(addr, count, channels, deadline_s):
    from grpc import aio
    chans = [aio.insecure_channel(addr, options=[("grpc.use_local_subchannel_pool", 1)])
             for _ in range(channels)]
    stubs = [message_debug_pb2_grpc.MessageDebugStub(c) for c in chans]
    codes, latencies = {}, []

    async def one(i):
        t = time.perf_counter()
        try:
            await stubs[i % channels].GetMessage(
                message_debug_pb2.GetMessageRequest(message_id=MESSAGE_ID), timeout=deadline_s)
            code = "OK"
        except aio.AioRpcError as e:
            code = e.code().name
        latencies.append(time.perf_counter() - t)
        codes[code] = codes.get(code, 0) + 1

    t0 = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(count))), deadline_s + 30)
    elapsed = time.perf_counter() - t0
    for c in chans:
        await c.close()
    latencies.sort()
    return {"codes": codes, "elapsed_s": elapsed,
            "p50_s": percentile(latencies, 50), "max_s": latencies[-1]}


class Sampler(threading.Thread):
    """Samples /proc/PID/status every `period` seconds until stopped."""

    def __init__(self, pid, period=0.02):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.samples = []
        self.peak_threads = {}
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                s = proc_status(self.pid)
                if not self.samples or s["Threads"] > max(x["Threads"] for x in self.samples):
                    self.peak_threads = thread_names(self.pid)
                self.samples.append(s)
            except FileNotFoundError:
                return
            time.sleep(self.period)

    def stop(self):
        self.stopped.set()
        self.join()


# ---------------------------------------------------------------- scenarios

def server_has_flag(name, binary=None):
    res = run([binary or os.path.join(OUT, "kapso_ops_server"), "--helpfull"], timeout=30)
    return f"--{name} " in res.stdout + res.stderr


async def _round_robin(addr, total, concurrency, ids):
    """`total` GetMessage RPCs, `concurrency` at a time, cycling through
    distinct ids (so coalescing of identical calls cannot hide the pool)."""
    from grpc import aio
    async with aio.insecure_channel(addr) as ch:
        stub = message_debug_pb2_grpc.MessageDebugStub(ch)
        codes, next_i = {}, [0]

        async def worker():
            while next_i[0] < total:
                i = next_i[0]
                next_i[0] += 1
                try:
                    await stub.GetMessage(message_debug_pb2.GetMessageRequest(
                        message_id=ids[i % len(ids)]), timeout=30)
                    code = "OK"
                except aio.AioRpcError as e:
                    code = e.code().name
                codes[code] = codes.get(code, 0) + 1

        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), 300)
    return codes


def start_server(upstream, pool, binary=None, env=None):
    """A kapso-ops server whose Kapso is `upstream` (the sandbox or nginx);
    `binary` (default bench/.out's) and extra `env` for comparisons."""
    binary = binary or os.path.join(OUT, "kapso_ops_server")
    argv = [binary, "--listen=127.0.0.1:0"]
    if pool != POOL_DEFAULT:
        argv.append(f"--max_upstream_connections={pool}")
    if server_has_flag("metrics_listen", binary):  # default 0.0.0.0:9464: keep it on loopback
        argv.append("--metrics_listen=127.0.0.1:0")
    return Proc("server", argv, env={"KAPSO_API_BASE_URL": f"http://{upstream.addr}",
                                     "KAPSO_API_KEY": API_KEY, **(env or {})})


def scenario_idle(sandbox, pool):
    """Idle RSS/threads of a fresh kapso-ops and of the bare gRPC server, each
    after startup and one Health/Check."""
    out = {}
    bare = Proc("bare", [os.path.join(OUT, "bare_server"), "--listen=127.0.0.1:0"])
    server = start_server(sandbox, pool)
    try:
        for name, p in (("bare", bare), ("kapso_ops", server)):
            health_once_h2load(p.addr)
            time.sleep(0.5)
            out[name] = proc_status(p.pid)
    finally:
        bare.stop()
    return server, out


def scenario_inflight(sandbox, server, count, delay_ms, channels):
    """`count` GetMessage RPCs in flight at once while the upstream answers
    after delay_ms; samples the server's threads and RSS meanwhile."""
    idle = proc_status(server.pid)
    idle_names = thread_names(server.pid)
    admin(sandbox, "POST", "/__sandbox/reset")
    admin(sandbox, "POST", "/__sandbox/faults",
          {"method": "GET", "path_prefix": "/platform/v1/whatsapp/messages",
           "status": 0, "delay_ms": delay_ms, "times": -1})
    sampler = Sampler(server.pid)
    sampler.start()
    try:
        result = asyncio.run(_many_in_flight(server.addr, count, channels, deadline_s=60))
    finally:
        sampler.stop()
        admin(sandbox, "DELETE", "/__sandbox/faults")
    stats = sandbox_stats(sandbox)
    result.update({
        "count": count, "delay_ms": delay_ms, "channels": channels,
        "threads_idle": idle["Threads"], "rss_idle_kb": idle["VmRSS"],
        "threads_max": max(s["Threads"] for s in sampler.samples),
        "rss_max_kb": max(s["VmRSS"] for s in sampler.samples),
        "hwm_kb": proc_status(server.pid)["VmHWM"],
        "samples": len(sampler.samples), "peak_thread_names": sampler.peak_threads,
        "idle_thread_names": idle_names,
        "upstream_requests": stats["total_requests"],
        "upstream_connections_opened": stats["connections_opened"],
    })
    return result


def scenario_connections(sandbox, pool, rpcs, callers, body):
    """A fresh server, sandbox stats reset, `rpcs` GetMessage RPCs at
    `callers` concurrency: how many upstream connections were opened."""
    admin(sandbox, "POST", "/__sandbox/reset")
    server = start_server(sandbox, pool)
    ids = [f"wamid.SANDBOX{n:04d}" for n in range(1, 46)]
    codes = asyncio.run(_round_robin(server.addr, rpcs, callers, ids))
    stats = sandbox_stats(sandbox)
    threads = proc_status(server.pid)["Threads"]
    return server, {
        "rpcs": rpcs, "callers": callers, "codes": codes,
        "pool": pool, "connections_opened": stats["connections_opened"],
        "upstream_requests": stats["total_requests"], "server_threads_after": threads,
    }


def scenario_latency(sandbox, server, callers_list, duration, warmup, body):
    rows = []
    for callers in callers_list:
        direct = h2load(f"http://{sandbox.addr}{DIRECT_PATH}", callers, duration, warmup,
                        ["--h1", "-H", f"X-API-Key: {API_KEY}"], cpu_pids=(sandbox.pid,))
        via = h2load(f"http://{server.addr}{GRPC_PATH}", callers, duration, warmup,
                     ["-d", body] + GRPC_HEADERS, cpu_pids=(sandbox.pid, server.pid),
                     before_hook=lambda: sandbox_stats(sandbox)["total_requests"])
        upstream = sandbox_stats(sandbox)["total_requests"] - via.pop("before")
        via["upstream_per_rpc"] = upstream / max(1, via["done"])
        via["server_cpu_us_per_rpc"] = cpu_us_per_rpc(via["cpu_s"][server.pid], via["done"])
        rows.append({"callers": callers, "direct": direct, "grpc": via})
        log(f"{callers} callers: direct {direct['rps']:.0f} req/s p50 {direct['p50_ms']:.3f} ms; "
            f"grpc {via['rps']:.0f} req/s p50 {via['p50_ms']:.3f} ms")
    return rows


def scenario_cli(sandbox, server, runs):
    env = dict(os.environ, KAPSO_OPS_ADDR=server.addr,
               KAPSO_SANDBOX_URL=f"http://{sandbox.addr}",
               KAPSO_OPS_CLI=os.path.join(OUT, "kapso-ops"))
    res = run([os.path.join(ROOT, "bench", "cli", "overview_bench.sh"), str(runs)],
              timeout=600, env=env, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(f"overview_bench.sh failed: {res.stderr}\n{res.stdout}")
    cli = float(re.search(r"kapso-ops overview mean: ([\d.]+) ms", res.stdout).group(1))
    node = float(re.search(r"node overview.js mean: +([\d.]+) ms", res.stdout).group(1))
    startup_ms = None
    if shutil.which("hyperfine"):
        # The CLI's process start alone (dynamic loading, static initialisers).
        js = os.path.join(OUT, "cli_help.json")
        run(["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", js,
             f"{os.path.join(OUT, 'kapso-ops')} --help"], timeout=300)
        startup_ms = json.load(open(js))["results"][0]["mean"] * 1000
    return {"runs": runs, "cli_ms": cli, "node_ms": node, "ratio": node / cli,
            "startup_ms": startup_ms, "hyperfine": shutil.which("hyperfine") is not None}


# ---------------------------------------------------------------- report

def verdict(ok):
    return "met" if ok else "NOT met"


def render_header(meta):
    L = []
    L.append(f"# kapso-ops benchmark results\n")
    L.append(f"- date: {meta['date']}")
    L.append(f"- commit: {meta['commit']}{' (+ uncommitted changes in: ' + meta['dirty'] + ')' if meta['dirty'] else ''}")
    L.append(f"- machine: {meta['cpus']} CPUs ({meta['cpu_model']}), load generator, server and "
             f"sandbox share them; binaries built with `bazel build -c opt`")
    L.append(f"- load generator: {meta['h2load']}, one thread, each caller = one connection "
             f"with one request outstanding; {meta['duration']} s per point after "
             f"{meta['warmup']} s warm-up\n")
    return L


def latency_table(rows):
    """Direct against through kapso-ops, a row per caller count (both scenarios)."""
    L = ["| callers | direct req/s | kapso-ops req/s | ratio | direct p50 ms | kapso-ops p50 ms "
         "| added p50 ms | direct p99 ms | kapso-ops p99 ms | added p99 ms | server CPU µs/RPC "
         "| upstream req/RPC |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        d, g = r["direct"], r["grpc"]
        L.append(f"| {r['callers']} | {d['rps']:.0f} | {g['rps']:.0f} | {g['rps'] / d['rps']:.2f} "
                 f"| {d['p50_ms']:.3f} | {g['p50_ms']:.3f} | {g['p50_ms'] - d['p50_ms']:+.3f} "
                 f"| {d['p99_ms']:.3f} | {g['p99_ms']:.3f} | {g['p99_ms'] - d['p99_ms']:+.3f} "
                 f"| {g['server_cpu_us_per_rpc']:.0f} | {g['upstream_per_rpc']:.2f} |")
    return L


def render(meta, idle, inflight, conns, latency, cli):
    L = render_header(meta)
    L.append("## Direct HTTP to the sandbox vs through kapso-ops (GetMessage)\n")
    L.extend(latency_table(latency))
    L.append("")
    L.append("## Targets\n")
    L.extend(render_targets(idle, inflight, conns, latency, cli))
    L.append("")
    L.append("## Details\n")
    L.extend(render_details(meta, idle, inflight, conns, latency, cli))
    return "\n".join(L) + "\n"


def render_targets(idle, inflight, conns, latency, cli):
    L = ["| scenario | measured | target | verdict |", "|---|---|---|---|"]
    for r in latency:
        d, g = r["direct"], r["grpc"]
        a50, a99 = g["p50_ms"] - d["p50_ms"], g["p99_ms"] - d["p99_ms"]
        L.append(f"| added latency, {r['callers']} callers | p50 {a50:+.3f} ms, p99 {a99:+.3f} ms "
                 f"| p50 ≤ 0.2 ms, p99 ≤ 1 ms | {verdict(a50 <= 0.2 and a99 <= 1.0)} |")
    r16 = next((r for r in latency if r["callers"] == 16), None)
    if r16:
        ratio = r16["grpc"]["rps"] / r16["direct"]["rps"]
        L.append(f"| throughput, 16 callers | {100 * ratio:.0f}% of direct "
                 f"| ≥ 80% | {verdict(ratio >= 0.8)} |")
    i, sm = inflight, inflight["small"]
    L.append(f"| {i['count']} in flight, {i['delay_ms']} ms upstream: threads "
             f"| {i['threads_idle']} idle, {sm['threads_max']} max at {sm['count']} in flight, "
             f"{i['threads_max']} max at {i['count']} "
             f"| independent of load (10x the RPCs: at most the few threads gRPC's own "
             f"executor may add, here +4) "
             f"| {verdict(i['threads_max'] <= max(i['threads_idle'], sm['threads_max']) + 4)} |")
    L.append(f"| {i['count']} in flight: peak RSS | {i['hwm_kb'] / 1024:.1f} MB (VmHWM) "
             f"| < 100 MB | {verdict(i['hwm_kb'] < 100 * 1024)} |")
    ratio_idle = idle["kapso_ops"]["VmRSS"] / idle["bare"]["VmRSS"]
    L.append(f"| idle RSS | kapso-ops {idle['kapso_ops']['VmRSS'] / 1024:.1f} MB vs bare gRPC "
             f"{idle['bare']['VmRSS'] / 1024:.1f} MB ({100 * (ratio_idle - 1):+.0f}%) "
             f"| within 25% of bare (issue: bare 23.5 MB) | {verdict(ratio_idle <= 1.25)} |")
    c = conns
    L.append(f"| upstream connections over {c['rpcs']} RPCs ({c['callers']} callers) "
             f"| {c['connections_opened']} opened | ≤ pool size {c['pool']} "
             f"| {verdict(c['connections_opened'] <= c['pool'])} |")
    if cli:
        L.append(f"| `kapso-ops overview` vs Node five serial GETs | {cli['cli_ms']:.1f} ms vs "
                 f"{cli['node_ms']:.1f} ms = {cli['ratio']:.1f}x faster | ≥ 10x "
                 f"| {verdict(cli['ratio'] >= 10)} |")
    return L


def render_details(meta, idle, inflight, conns, latency, cli):
    i, sm, c = inflight, inflight["small"], conns
    L = [f"- idle: kapso-ops {idle['kapso_ops']['Threads']} threads, VmRSS "
         f"{idle['kapso_ops']['VmRSS']} kB; bare {idle['bare']['Threads']} threads, VmRSS "
         f"{idle['bare']['VmRSS']} kB (after startup + one Health/Check)"]
    L.append(f"- {i['count']} in flight ({i['channels']} client channels, Python grpc.aio): "
             f"codes {i['codes']}, all done in {i['elapsed_s']:.2f} s, RPC p50 {i['p50_s']:.2f} s, "
             f"max {i['max_s']:.2f} s; upstream requests {i['upstream_requests']}, upstream "
             f"connections opened {i['upstream_connections_opened']}; {i['samples']} /proc "
             f"samples, RSS max {i['rss_max_kb']} kB, VmHWM {i['hwm_kb']} kB; threads idle "
             f"{i['idle_thread_names']}, at peak {i['peak_thread_names']}")
    L.append(f"- {sm['count']} in flight: codes {sm['codes']}, done in {sm['elapsed_s']:.2f} s, "
             f"threads max {sm['threads_max']}, VmHWM {sm['hwm_kb']} kB")
    L.append(f"- connections (Python grpc.aio, one channel, ids SANDBOX0001..0045 in turn): "
             f"codes {c['codes']}, upstream requests "
             f"{c['upstream_requests']}, server threads after {c['server_threads_after']}")
    for r in latency:
        for side in ("direct", "grpc"):
            x = r[side]
            cpu = {('sandbox' if p == meta['sandbox_pid'] else 'server'): round(v, 2)
                   for p, v in x['cpu_s'].items()}
            L.append(run_detail(f"{r['callers']} callers {side}", x, cpu))
    if cli:
        L.append(f"- overview: {cli['runs']} runs each "
                 f"({'hyperfine -N' if cli['hyperfine'] else 'shell loop'}), means"
                 + (f"; `kapso-ops --help` alone (process start, no RPC): "
                    f"{cli['startup_ms']:.1f} ms" if cli['startup_ms'] else ""))
    return L


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=5, help="seconds per latency point")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--callers", default="1,16,256")
    ap.add_argument("--pool", type=int, default=POOL_DEFAULT,
                    help="--max_upstream_connections of the server")
    ap.add_argument("--inflight", type=int, default=1000)
    ap.add_argument("--delay_ms", type=int, default=500)
    ap.add_argument("--conn_rpcs", type=int, default=10000)
    ap.add_argument("--conn_callers", type=int, default=64)
    ap.add_argument("--cli_runs", type=int, default=30)
    ap.add_argument("--skip_cli", action="store_true")
    ap.add_argument("--static_callers", default="1,16",
                    help="callers of the static-upstream (nginx) scenario")
    ap.add_argument("--only_static", action="store_true",
                    help="run the static-upstream scenario alone (no sandbox scenarios)")
    ap.add_argument("--perf", metavar="DIR",
                    help="perf record the server in each static kapso-ops run into DIR "
                         "(the figures of such a run carry perf's overhead)")
    return ap.parse_args()


def run_meta(args):
    """What the report's header says about the run: date, commit, machine, load."""
    git = lambda *a: run(["git", "-C", ROOT] + list(a), timeout=30).stdout.rstrip("\n")
    dirty = sorted({line[3:].split("/")[0] for line in
                    git("status", "--porcelain", "--", "kapso_client", "service", "sandbox",
                        "cli", "proto").splitlines()})
    cpu_model = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    info = os.path.join(OUT, "build-info")
    if os.path.exists(info):  # written by run.sh when it built the binaries
        lines = (open(info).read().splitlines() + ["", ""])[:2]
        built_commit, dirty = lines[0], lines[1].split(",") if lines[1] else []
    else:
        built_commit = git("rev-parse", "--short=12", "HEAD")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": built_commit, "dirty": ", ".join(dirty),
        "cpus": os.cpu_count(), "cpu_model": cpu_model,
        "h2load": run(["h2load", "--version"], timeout=10).stdout.strip().splitlines()[0],
        "duration": args.duration, "warmup": args.warmup,
    }


def write_report(report, md_path, json_name, data):
    print(report)
    with open(md_path, "w") as f:
        f.write(report)
    with open(os.path.join(OUT, json_name), "w") as f:
        json.dump(data, f, indent=2, default=str)


def run_sandbox_scenarios(args, meta, body):
    """Every scenario against the sandbox: idle, in flight, connections,
    latency, CLI. Returns their results for render()."""
    sandbox = Proc("sandbox", [os.path.join(OUT, "kapso_sandbox"), "--port=0",
                               f"--api_key={API_KEY}"])
    meta["sandbox_pid"] = sandbox.pid
    server = None
    try:
        log("idle RSS (kapso-ops and bare gRPC server)")
        server, idle = scenario_idle(sandbox, args.pool)
        grpc_ok_once(server.addr)
        log(f"{args.inflight} in flight against a {args.delay_ms} ms upstream")
        small = max(1, args.inflight // 10)
        inflight_small = scenario_inflight(sandbox, server, small, args.delay_ms,
                                           channels=max(1, small // 100))
        inflight = scenario_inflight(sandbox, server, args.inflight, args.delay_ms,
                                     channels=max(1, args.inflight // 100))
        inflight["small"] = {k: inflight_small[k] for k in
                             ("count", "threads_max", "hwm_kb", "codes", "elapsed_s")}
        server.stop()
        log(f"upstream connections over {args.conn_rpcs} RPCs (fresh server)")
        server, conns = scenario_connections(sandbox, args.pool, args.conn_rpcs,
                                             args.conn_callers, body)
        log("direct vs kapso-ops latency and throughput")
        admin(sandbox, "POST", "/__sandbox/reset")
        grpc_ok_once(server.addr)
        latency = scenario_latency(sandbox, server, [int(c) for c in args.callers.split(",")],
                                   args.duration, args.warmup, body)
        cli = None
        if not args.skip_cli:
            log("kapso-ops overview vs node overview.js")
            cli = scenario_cli(sandbox, server, args.cli_runs)
    finally:
        if server:
            server.stop()
        sandbox.stop()
    return idle, inflight, conns, latency, cli


def main():
    args = parse_args()
    os.makedirs(OUT, exist_ok=True)
    meta = run_meta(args)
    body = grpc_body_file()
    static_callers = [int(c) for c in args.static_callers.split(",")]
    static_rows, static_body, static_floor = run_static(args, static_callers, body)
    static_report = (static_upstream.render_static(sys.modules[__name__], static_rows,
                                                   len(static_body)) +
                     static_upstream.render_floor(static_rows, static_floor))
    static_data = {"static": static_rows, "static_floor": static_floor}
    if args.only_static:
        write_report("\n".join(render_header(meta)) + "\n" + static_report,
                     os.path.join(OUT, "results-static.md"), "results-static.json",
                     {"meta": meta, **static_data})
        return
    idle, inflight, conns, latency, cli = run_sandbox_scenarios(args, meta, body)
    write_report(render(meta, idle, inflight, conns, latency, cli) + "\n" + static_report,
                 os.path.join(ROOT, "bench", "results.md"), "results.json",
                 {"meta": meta, "idle": idle, "inflight": inflight, "connections": conns,
                  "latency": latency, "cli": cli, **static_data})


def run_static(args, callers, body):
    """The static-upstream scenario: its own nginx and a fresh kapso-ops
    pointed at it (bench/static_upstream.py)."""
    log("static upstream (nginx): direct vs kapso-ops")
    nginx = static_upstream.Nginx(OUT)
    server = None
    try:
        server = start_server(nginx, args.pool)
        # nginx answers the spec's example whatever the id asked for.
        reply = grpc_ok_once(server.addr, json.loads(nginx.body)["data"]["id"])
        log(f"static: GetMessage answers {reply.ByteSize()} bytes of v1.Message")
        rows = static_upstream.scenario_static(sys.modules[__name__], nginx, server, callers,
                                               args.duration, args.warmup, body,
                                               perf_dir=args.perf)
        server.stop()
        fl = static_upstream.floor(sys.modules[__name__], callers, args.duration, args.warmup,
                                   nginx)
        return rows, nginx.body, fl
    finally:
        if server:
            server.stop()
        nginx.stop()


if __name__ == "__main__":
    main()
