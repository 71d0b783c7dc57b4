"""Fixtures for the kapso-ops CLI end-to-end tests.

They run the built binary against a live stack started by
`scripts/stack.sh start DIR` (see docs/contracts.md): KAPSO_OPS_ADDR is the
gRPC server, KAPSO_SANDBOX_URL the Kapso simulator whose admin API the tests
use to reset data, count upstream requests and inject faults.
"""
import json
import os
import pathlib
import subprocess
import urllib.request

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: start the stack with `scripts/stack.sh start DIR` "
            f"and `source DIR/env` (see docs/contracts.md)", pytrace=False)
    return value


@pytest.fixture(scope="session")
def cli_path():
    path = pathlib.Path(os.environ.get("KAPSO_OPS_CLI", REPO / "bazel-bin/cli/kapso-ops"))
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `bazel build //cli:kapso-ops`", pytrace=False)
    return str(path)


@pytest.fixture(scope="session")
def addr():
    return _required_env("KAPSO_OPS_ADDR")


@pytest.fixture(scope="session")
def sandbox_url():
    return _required_env("KAPSO_SANDBOX_URL").rstrip("/")


class Sandbox:
    """The sandbox's admin API (tests only)."""

    def __init__(self, url):
        self.url = url

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            return json.loads(raw) if raw else None

    def reset(self):
        self._call("POST", "/__sandbox/reset")

    def fault(self, **fault):
        return self._call("POST", "/__sandbox/faults", fault)

    def clear_faults(self):
        self._call("DELETE", "/__sandbox/faults")

    def add_record(self, collection, record, health=None):
        body = {"collection": collection, "record": record}
        if health is not None:
            body["health"] = health
        self._call("POST", "/__sandbox/records", body)

    def append(self, collection, count=1, **fields):
        """New items at the top of a collection (live tails); their ids, oldest first."""
        return self._call("POST", "/__sandbox/append",
                          {"collection": collection, "count": count, **fields})["ids"]

    def total_requests(self):
        return self._call("GET", "/__sandbox/stats")["total_requests"]


@pytest.fixture(scope="session")
def sandbox(sandbox_url):
    return Sandbox(sandbox_url)


@pytest.fixture(autouse=True)
def _fresh_sandbox(request):
    # Every test starts from the seed data, without faults or stats.
    if "sandbox" in request.fixturenames or "run" in request.fixturenames:
        sandbox = request.getfixturevalue("sandbox")
        sandbox.reset()
        yield
        sandbox.clear_faults()
    else:
        yield


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    @property
    def data(self):
        doc = json.loads(self.out)
        assert doc["ok"] is True, doc
        return doc["data"]

    @property
    def error(self):
        doc = json.loads(self.err)
        assert doc["ok"] is False, doc
        return doc["error"]

    def detail(self, type_suffix):
        for d in self.error["details"]:
            if d["@type"].endswith(type_suffix):
                return d
        return None

    def __repr__(self):
        return f"exit={self.code}\nstdout={self.out}\nstderr={self.err}"


@pytest.fixture
def run(cli_path, addr):
    """run(*args, stdin=None, server=addr, env=None) -> Result (JSON output)."""

    def _run(*args, stdin=None, server=None, env=None, timeout=60):
        argv = [cli_path, *args]
        if server is not False:
            argv += ["--server", server or addr]
        full_env = {k: v for k, v in os.environ.items() if k != "KAPSO_OPS_SERVER"}
        full_env.update(env or {})
        proc = subprocess.run(argv, input=stdin, capture_output=True, env=full_env,
                              timeout=timeout, text=isinstance(stdin, str) or stdin is None)
        return Result(proc)

    return _run
