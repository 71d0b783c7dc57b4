"""Fixtures that run the built server and sandbox binaries as processes."""
import pytest

from server_processes import SANDBOX, SANDBOX_KEY, Process, start_server


@pytest.fixture
def sandbox():
    process = Process([SANDBOX, "--port=0", f"--api_key={SANDBOX_KEY}"])
    process.url = f"http://127.0.0.1:{process.port}"
    yield process
    process.stop()


@pytest.fixture
def server(sandbox):
    process = start_server(sandbox.url)
    process.addr = f"127.0.0.1:{process.port}"
    yield process
    process.stop()
