"""Back-to-back comparison of kapso-ops server binaries (bench/README.md).

Single runs on this shared 2-core machine vary by about +-20%, more than most
changes move the figures; so this runs the static-upstream scenario's load
(bench/static_upstream.py: nginx serving the spec's GetMessage example) on
each binary in turn, round after round, and prints one line per run:
req/s, p50, server CPU µs per RPC, and CPU µs and context switches per RPC
for each group of the server's threads (by thread name, from /proc).

  .venv/bin/python bench/alternate.py --rounds 4 --callers 1 --seconds 3 \\
      base=/tmp/kapso_ops_server.base new=bench/.out/kapso_ops_server \\
      jemalloc=bench/.out/kapso_ops_server+LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2

A binary is NAME=PATH, optionally followed by +VAR=VALUE environment settings
for that server only. --distinct replaces h2load (one id for every call) with
the Python client asking a new id per call (nothing to coalesce).
"""

import argparse
import glob
import os
import sys

import bench as b
import static_upstream as su


def parse_binary(spec):
    name, rest = spec.split("=", 1)
    path, *settings = rest.split("+")
    return name, path, dict(s.split("=", 1) for s in settings)


def thread_groups(pid):
    """{thread name: (CPU ticks, context switches)}, summed over same-name threads."""
    groups = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            stat = open(f"{task}/stat").read()
            status = open(f"{task}/status").read()
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        # voluntary_ctxt_switches and nonvoluntary_ctxt_switches
        switches = sum(int(line.split()[1]) for line in status.splitlines()
                       if "ctxt_switches:" in line)
        cpu, cs = groups.get(name, (0, 0))
        groups[name] = (cpu + int(fields[11]) + int(fields[12]), cs + switches)
    return groups


def one_run(nginx, path, env, args, body):
    server = b.start_server(nginx, b.POOL_DEFAULT, binary=path, env=env)
    try:
        url = f"http://{server.addr}{b.GRPC_PATH}"
        b.h2load(url, args.callers, 1, 0, ["-d", body] + b.GRPC_HEADERS)  # warm-up
        before = thread_groups(server.pid)
        if args.distinct:
            r = su.distinct_ids(b, nginx, server, args.callers, args.seconds)
            rpcs, line = r["rps"] * args.seconds, f"{r['rps']:.0f} req/s (distinct ids)"
            cpu_us = r["server_cpu_us_per_rpc"]
        else:
            r = b.h2load(url, args.callers, args.seconds, 0, ["-d", body] + b.GRPC_HEADERS,
                         cpu_pids=(server.pid,))
            rpcs, line = r["requests"], f"{r['rps']:.0f} req/s, p50 {r['p50_ms']:.3f} ms"
            cpu_us = b.cpu_us_per_rpc(r["cpu_s"][server.pid], r["requests"])
        after = thread_groups(server.pid)
    finally:
        server.stop()
    tick_us = 1e6 / os.sysconf("SC_CLK_TCK")
    threads = []
    for name, (cpu, cs) in sorted(after.items()):
        cpu0, cs0 = before.get(name, (0, 0))
        if cpu > cpu0 or cs - cs0 > rpcs / 100:
            threads.append(f"{name} {(cpu - cpu0) * tick_us / rpcs:.0f} µs "
                           f"{(cs - cs0) / rpcs:.2f} cs")
    return f"{line}, {cpu_us:.0f} µs/RPC | " + "; ".join(threads)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--callers", type=int, default=1)
    ap.add_argument("--seconds", type=int, default=3)
    ap.add_argument("--distinct", action="store_true")
    ap.add_argument("binaries", nargs="+", help="NAME=PATH[+VAR=VALUE...]")
    args = ap.parse_args()
    binaries = [parse_binary(spec) for spec in args.binaries]
    os.makedirs(b.OUT, exist_ok=True)
    body = b.grpc_body_file()
    nginx = su.Nginx(b.OUT)
    try:
        for round_number in range(1, args.rounds + 1):
            for name, path, env in binaries:
                print(f"round {round_number} {name}: {one_run(nginx, path, env, args, body)}",
                      flush=True)
    finally:
        nginx.stop()


if __name__ == "__main__":
    sys.exit(main())
