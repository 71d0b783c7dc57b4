"""The real kapso_ops_server binary as a process, pointed at a hostile upstream.

stdout and stderr go to files (a 200 MB access-log line must never block the
server on a full pipe); memory is read from /proc/<pid>/status.
"""
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

import grpc

REPO = pathlib.Path(__file__).resolve().parents[2]
SERVER = REPO / "bazel-bin/service/kapso_ops_server"
CLI = REPO / "bazel-bin/cli/kapso-ops"
SERVER_KEY = "sk-abuse-SERVER-KEY-7f3a9c11"


class ServerProcess:
    def __init__(self, upstream_url: str, flags=(), key: str = SERVER_KEY):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="abuse-server-"))
        self.out_path, self.err_path = self.dir / "stdout", self.dir / "stderr"
        port_file = self.dir / "port"
        env = dict(os.environ, KAPSO_API_BASE_URL=upstream_url, KAPSO_API_KEY=key)
        args = [str(SERVER), "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
                f"--port_file={port_file}", *flags]
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(args, env=env, stdout=out, stderr=err)
        self.pid = self.proc.pid
        self.exit_seconds = None
        try:
            self.port = self._wait_for_port(port_file)
            self.metrics_url = self._wait_for_metrics_url()
        except Exception:
            self.kill()
            self.remove_files()
            raise
        self.addr = f"127.0.0.1:{self.port}"

    def _wait_for_port(self, port_file: pathlib.Path, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if port_file.exists() and port_file.read_text().strip():
                return int(port_file.read_text())
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode} at start: "
                                   f"{self.stderr()[-400:]!r}")
            time.sleep(0.02)
        raise TimeoutError("server wrote no port file")

    def _wait_for_metrics_url(self, timeout: float = 5.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(r"metrics on (http://\S+)", self.stdout())
            if match:
                return match.group(1)
            time.sleep(0.02)
        raise TimeoutError("no 'metrics on http://...' line on stdout")

    # -- observation
    def stdout(self) -> str:
        return self.out_path.read_bytes().decode("utf-8", "replace")

    def stderr_bytes(self) -> bytes:
        return self.err_path.read_bytes()

    def stderr(self) -> str:
        return self.stderr_bytes().decode("utf-8", "replace")

    def access_log(self):
        lines = []
        for line in self.stderr_bytes().splitlines():
            if line.startswith(b"{"):
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    lines.append({"unparsable": line[:200].decode("latin-1")})
        return lines

    def alive(self) -> bool:
        return self.proc.poll() is None

    def memory_kb(self) -> dict:
        """VmHWM (peak RSS) and VmRSS of the process, in kB."""
        status = pathlib.Path(f"/proc/{self.pid}/status").read_text()
        return {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M)}

    def scrape(self) -> str:
        with urllib.request.urlopen(self.metrics_url, timeout=10) as response:
            return response.read().decode()

    def channel(self) -> grpc.Channel:
        # Large client metadata limits: the tests judge the status the server
        # sends, not grpcio's (randomized) refusal of large trailers.
        return grpc.insecure_channel(self.addr, options=[
            ("grpc.max_metadata_size", 4 << 20), ("grpc.absolute_max_metadata_size", 4 << 20)])

    # -- lifecycle
    def terminate_and_wait(self, timeout: float = 15.0):
        """SIGTERM; returns (exit code or None if still running, seconds)."""
        start = time.monotonic()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, time.monotonic() - start
        self.exit_seconds = time.monotonic() - start
        return self.proc.returncode, self.exit_seconds

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def remove_files(self) -> None:
        """The port file and the logs (a hostile run can log a lot)."""
        shutil.rmtree(self.dir, ignore_errors=True)
