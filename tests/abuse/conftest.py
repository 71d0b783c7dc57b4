"""Fixtures of the abuse suite: a hostile upstream with well-formed defaults,
and a factory of real server processes pointed at it."""
import pytest

import kapso_shapes as shapes
from abuse_server import ServerProcess
from hostile_upstream import HostileUpstream, answer

DEFAULT_TEST_TIMEOUT = 40  # seconds; no abuse test may hang the suite


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("timeout"):
        return
    for test in items:
        if "tests/abuse/" in str(test.fspath) and test.get_closest_marker("timeout") is None:
            test.add_marker(pytest.mark.timeout(DEFAULT_TEST_TIMEOUT))


def _default_routes(upstream: HostileUpstream) -> None:
    """What a healthy Kapso would answer; tests register hostile routes on top."""
    def message_item(request, conn):
        message_id = request.path.rsplit("/", 1)[1]
        return answer(shapes.item(shapes.message(message_id)))(request, conn)

    upstream.route("GET", r"/whatsapp/messages/[^/]+", message_item)
    upstream.route("GET", r"/whatsapp/messages", answer(shapes.cursor_page([])))
    upstream.route("GET", r"/whatsapp/phone_numbers", answer(shapes.page_list([])))
    upstream.route("GET", r"/(api_logs|webhook_deliveries)", answer(shapes.cursor_page([])))
    webhook = answer(shapes.item(shapes.webhook()))
    upstream.route("GET", r"/whatsapp/phone_numbers/\d+/webhooks/[^/]+", webhook)
    upstream.route("GET", r"/whatsapp/phone_numbers/\d+/webhooks",
                   answer(shapes.page_list([shapes.webhook()])))
    upstream.route("POST", r"/whatsapp/phone_numbers/\d+/webhooks",
                   answer(shapes.item(shapes.webhook()), 201))
    upstream.route("PATCH", r"/whatsapp/phone_numbers/\d+/webhooks/[^/]+", webhook)
    upstream.route("DELETE", r"/whatsapp/phone_numbers/\d+/webhooks/[^/]+", answer(b"", 204))
    upstream.route("POST", r"/whatsapp/webhooks/[^/]+/test", answer({"data": {"success": True}}))


@pytest.fixture
def upstream():
    hostile = HostileUpstream()
    _default_routes(hostile)
    yield hostile
    hostile.close()


@pytest.fixture
def start_server(upstream):
    """start_server(*flags, key=...) -> a running ServerProcess on `upstream`."""
    started = []

    def start(*flags, key=None, base_url=None):
        kwargs = {} if key is None else {"key": key}
        server = ServerProcess(base_url or upstream.url, flags, **kwargs)
        started.append(server)
        return server
    yield start
    for server in started:
        if server.alive():
            server.terminate_and_wait(timeout=1)
        server.kill()
        server.remove_files()


@pytest.fixture
def server(start_server):
    return start_server()
