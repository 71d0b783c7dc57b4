"""Fixtures of the contract suite: Prism serving Kapso's published OpenAPI
document (contract/kapso-api/), and the real server binary in front of it."""
import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "e2e"))
import server_processes  # noqa: E402
from server_processes import start_server  # noqa: E402

from prism import Prism  # noqa: E402

CONTRACT_KEY = "contract-key"


@pytest.fixture(scope="session")
def prism_mock():
    """Prism in dynamic mode: random answers that conform to the spec."""
    prism = Prism("mock")
    yield prism
    prism.stop()


@pytest.fixture(scope="session")
def mock_server(prism_mock):
    """The real server binary whose Kapso is the Prism mock
    (KAPSO_OPS_SERVER_BIN: another build of it, e.g. an older one to compare)."""
    if os.environ.get("KAPSO_OPS_SERVER_BIN"):
        server_processes.SERVER = pathlib.Path(os.environ["KAPSO_OPS_SERVER_BIN"])
    # No access log: its lines would fill the unread stderr pipe of the process.
    process = start_server(prism_mock.url, "--health_cache_ttl=0s", "--access_log=false",
                           key=CONTRACT_KEY)
    process.addr = f"127.0.0.1:{process.port}"
    yield process
    process.stop()
