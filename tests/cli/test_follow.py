"""`--follow` on errors, api-logs and webhook-deliveries: the live tails.

Each test runs the CLI as a process (bounded by timeouts), makes items
appear through the sandbox's /__sandbox/append, and stops it with a signal
as an operator would (Ctrl-C, SIGTERM).
"""
import json
import os
import pathlib
import queue
import signal
import subprocess
import threading
import time

import pytest

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
REPO = pathlib.Path(__file__).resolve().parents[2]


class Tail:
    """A running `kapso-ops ... --follow`; its stdout lines, read with a timeout."""

    def __init__(self, argv, env=None):
        full_env = {k: v for k, v in os.environ.items() if k != "KAPSO_OPS_SERVER"}
        full_env.update(env or {})
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=full_env)
        self.err = ""
        # A thread, not select(): Python's buffered reader may hold lines the
        # pipe no longer shows as readable.
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def line(self, timeout=10):
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output within {timeout}s")
        assert line is not None, f"stream ended: {self.finish()}"
        return line

    def stop(self, sig=signal.SIGINT, timeout=10):
        self.proc.send_signal(sig)
        return self.finish(timeout)

    def finish(self, timeout=10):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        self.err = self.proc.stderr.read()
        return self.proc.returncode

    def token(self):
        lines = [l for l in self.err.splitlines() if l.startswith("resume token: ")]
        assert lines, self.err
        return lines[-1].split(": ", 1)[1]


@pytest.fixture
def tail(cli_path, addr, sandbox):
    started = []

    def _tail(*args, server=None):
        t = Tail([cli_path, *args, "--server", server or addr])
        started.append(t)
        return t

    yield _tail
    for t in started:
        if t.proc.poll() is None:
            t.proc.kill()
            t.proc.wait()


def wait_live(sandbox, seconds=1.0):
    # The stream starts at "now" once its poller has read Kapso once
    # (--follow_poll_interval=250ms in scripts/stack.sh).
    time.sleep(seconds)


def ids_of(line, field):
    return [item["id"] for item in json.loads(line)["data"][field]]


def test_api_logs_follow_prints_new_items_and_ctrl_c_prints_the_token(tail, sandbox):
    t = tail("api-logs", "--follow")
    wait_live(sandbox)
    want = sandbox.append("api_logs", 2)
    got = ids_of(t.line(), "api_logs")
    while len(got) < 2:
        got += ids_of(t.line(), "api_logs")
    assert got == want
    code = t.stop(signal.SIGINT)
    assert code == EXIT_OK, t.err
    assert t.token()


def test_resume_token_continues_after_the_last_item_seen(tail, sandbox):
    t = tail("api-logs", "--follow", "--errors-only")
    wait_live(sandbox)
    first = sandbox.append("api_logs", 1, response_status=500)
    assert ids_of(t.line(), "api_logs") == first
    code = t.stop(signal.SIGTERM)
    assert code == EXIT_OK, t.err
    token = t.token()
    sandbox.append("api_logs", 1, response_status=200)  # filtered out
    missed = sandbox.append("api_logs", 2, response_status=502)
    again = tail("api-logs", "--follow", "--errors-only", "--resume-token", token)
    got = []
    while len(got) < 2:
        got += ids_of(again.line(), "api_logs")
    assert got == missed
    assert again.stop() == EXIT_OK


def test_errors_and_deliveries_follow_json_and_table(tail, sandbox):
    errors = tail("errors", "--follow")
    deliveries = tail("--output", "table", "webhook-deliveries", "--follow", "--status", "failed")
    wait_live(sandbox)
    failed = sandbox.append("failed_messages", 1)
    delivery = sandbox.append("webhook_deliveries", 1)
    assert ids_of(errors.line(), "messages") == failed
    assert len(delivery) == 1
    table = "".join(deliveries.line() for _ in range(3))  # title, header, the row
    assert "deliveries (1):" in table and "whatsapp.message.failed" in table, table
    for t in (errors, deliveries):
        assert t.stop() == EXIT_OK, t.err


@pytest.mark.parametrize("args,flag", [
    (["api-logs", "--resume-token", "x"], "--resume-token"),
    (["api-logs", "--follow", "--all"], "--all"),
    (["webhook-deliveries", "--follow", "--page-token", "p"], "--page-token"),
    (["errors", "--follow", "--period", "7d"], "--period"),
])
def test_follow_usage_errors(run, sandbox, args, flag):
    before = sandbox.total_requests()
    r = run(*args)
    assert r.code == EXIT_USAGE, r
    assert flag in r.error["message"], r
    assert sandbox.total_requests() == before


def test_bad_resume_token_is_invalid_argument(run):
    r = run("api-logs", "--follow", "--resume-token", "bm90IGEgdG9rZW4")
    assert r.code == EXIT_FAILURE, r
    assert r.error["code"] == "INVALID_ARGUMENT", r


@pytest.fixture
def own_server(sandbox_url, tmp_path):
    """A server binary of our own (SIGTERM is ours to send), on the stack's sandbox."""
    if not sandbox_url:
        pytest.skip("needs the bundled sandbox")
    port_file = tmp_path / "port"
    env = dict(os.environ, KAPSO_API_BASE_URL=sandbox_url, KAPSO_API_KEY="sandbox-key")
    proc = subprocess.Popen(
        [str(REPO / "bazel-bin/service/kapso_ops_server"), "--listen=127.0.0.1:0",
         "--metrics_listen=", "--access_log=false", "--shutdown_grace=5s",
         "--follow_poll_interval=250ms", f"--port_file={port_file}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 10
    while not port_file.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert port_file.exists(), proc.stderr.read() if proc.poll() is not None else "no port"
    yield proc, f"127.0.0.1:{port_file.read_text().strip()}"
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_server_sigterm_ends_the_stream_with_a_token_within_grace(tail, sandbox, own_server):
    server, server_addr = own_server
    t = tail("api-logs", "--follow", server=server_addr)
    wait_live(sandbox)
    sandbox.append("api_logs", 1)
    t.line()
    start = time.monotonic()
    server.send_signal(signal.SIGTERM)
    code = t.finish(timeout=10)
    ended = time.monotonic() - start
    server.wait(timeout=10)
    exited = time.monotonic() - start
    print(f"stream ended {ended:.3f}s, server exited {exited:.3f}s after SIGTERM (grace 5s)")
    assert code == EXIT_FAILURE
    error = json.loads(next(l for l in t.err.splitlines() if l.startswith("{")))["error"]
    assert error["code"] == "UNAVAILABLE", t.err
    assert t.token()
    assert server.returncode == 0
    assert exited < 1.5  # streams do not hold the drain: well inside grace (5 s) + 1 s
