import json
import os
import urllib.request

import pytest

import kapso_ops

NEEDS_STACK = (
    "KAPSO_OPS_ADDR is not set: start the test stack (scripts/stack.sh start DIR; "
    "set -a; . DIR/env; set +a) or run scripts/test-clients.sh"
)


@pytest.fixture(scope="session")
def ops():
    addr = os.environ.get("KAPSO_OPS_ADDR")
    if not addr:
        pytest.fail(NEEDS_STACK, pytrace=False)
    with kapso_ops.connect(addr, timeout=20) as client:
        yield client


@pytest.fixture(scope="session")
def sandbox_stats():
    url = os.environ.get("KAPSO_SANDBOX_URL")
    if not url:
        pytest.fail("KAPSO_SANDBOX_URL is not set (see docs/contracts.md)", pytrace=False)

    def stats():
        with urllib.request.urlopen(url.rstrip("/") + "/__sandbox/stats", timeout=10) as r:
            return json.load(r)

    return stats
