"""Prism (contract/prism, pinned) serving Kapso's OpenAPI document on a free
loopback port: `mock` answers from the spec, `proxy` forwards to an upstream
and checks its answers. With --errors, a request (or, proxying, an answer)
that the spec rejects is answered with an error instead of passing.

Prism's own log is kept: every violation it finds is counted from it.
"""
import pathlib
import re
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
SPEC = REPO / "contract/kapso-api/openapi-platform.yaml"
PRISM = REPO / "contract/prism/node_modules/.bin/prism"
MOUNT = REPO / "contract/mount_spec.py"

LISTENING = re.compile(r"Prism is listening on http://127\.0\.0\.1:(\d+)")
# Lines Prism logs for a request or an answer that breaks the spec
# ("✖ error  Request path parameter webhook_id must match format "uuid"",
# "Violation: ...", "Request terminated with error: ...#UNPROCESSABLE_ENTITY").
# Not its "⚠ Unable to find content for application/json" on a DELETE's 204:
# that is content negotiation (the answer has no body), not a violation.
VIOLATION = re.compile(r"✖|Violation:|Request terminated with error|did not pass the validation")


def mounted_spec(spec=SPEC):
    """The spec as Prism must see it (contract/mount_spec.py), in a temp dir."""
    out = pathlib.Path(tempfile.mkdtemp()) / "kapso-platform.json"
    subprocess.run([sys.executable, str(MOUNT), str(spec), str(out)], check=True)
    return out


class Prism:
    def __init__(self, mode, *args, spec=None, timeout=120.0):
        self.log_path = pathlib.Path(tempfile.mkdtemp()) / "prism.log"
        self._log = open(self.log_path, "w")
        spec = spec or mounted_spec()
        cmd = [str(PRISM), mode, str(spec), *args, "--errors", "-h", "127.0.0.1", "-p", "0"]
        if mode == "mock":
            cmd.insert(3, "-d")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, text=True)
        self.port = self._wait_port(timeout)
        self.url = f"http://127.0.0.1:{self.port}"

    def _wait_port(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = LISTENING.search(self.log_path.read_text())
            if match:
                return int(match.group(1))
            if self.proc.poll() is not None:
                raise RuntimeError(f"prism exited {self.proc.returncode}: {self.log()[-2000:]}")
            time.sleep(0.2)
        raise TimeoutError("prism did not start:\n" + self.log()[-2000:])

    def log(self):
        return self.log_path.read_text(errors="replace")

    def violations(self):
        """Prism's log lines that report a request or answer breaking the spec."""
        return [line for line in self.log().splitlines() if VIOLATION.search(line)]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
