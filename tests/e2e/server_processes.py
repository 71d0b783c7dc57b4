"""Running the built server and sandbox binaries as processes."""
import json
import os
import pathlib
import subprocess
import tempfile
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
SERVER = REPO / "bazel-bin/service/kapso_ops_server"
SANDBOX = REPO / "bazel-bin/sandbox/kapso_sandbox"
SANDBOX_KEY = "e2e-sandbox-key-123"


def wait_for_port(port_file: pathlib.Path, proc: subprocess.Popen, timeout=10.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_file.exists() and port_file.read_text().strip():
            return int(port_file.read_text())
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        time.sleep(0.02)
    raise TimeoutError(f"no port in {port_file}")


class Process:
    """A binary started with --port_file, stopped with SIGTERM."""

    def __init__(self, args, env=None):
        self.dir = pathlib.Path(tempfile.mkdtemp())
        self.port_file = self.dir / "port"
        self.proc = subprocess.Popen(
            [*map(str, args), f"--port_file={self.port_file}"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = wait_for_port(self.port_file, self.proc)

    def stop(self, timeout=10):
        if self.proc.poll() is None:
            self.proc.terminate()
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err


def start_server(sandbox_url, *flags, key=SANDBOX_KEY):
    env = dict(os.environ, KAPSO_API_BASE_URL=sandbox_url)
    env.pop("KAPSO_API_KEY", None)
    if key is not None:
        env["KAPSO_API_KEY"] = key
    return Process([SERVER, "--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0", *flags], env=env)


def add_fault(sandbox_url, **fault):
    request = urllib.request.Request(
        sandbox_url + "/__sandbox/faults", data=json.dumps(fault).encode(), method="POST",
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())
