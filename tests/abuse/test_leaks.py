"""Secrets an upstream echoes back (in its X-Request-Id header or its error
text) never leave the process: not in the status message, not in ErrorInfo
metadata, not in the access log. Same for caller-supplied keys."""
import grpc
import pytest

from abuse_helpers import call_error, get_message
from abuse_server import SERVER_KEY
from hostile_upstream import answer, echo_headers

CALLER_KEY = "ck-CALLER-SECRET-9d2e41"


def assert_nowhere(secret: str, error, server) -> None:
    assert secret not in error.message, "in the status message"
    for name, value in error.metadata.items():
        assert secret not in value, f"in ErrorInfo metadata {name}"
    assert secret.encode() not in server.stderr_bytes(), "in the access log"


def test_server_key_echoed_by_upstream_never_leaves(server, upstream):
    upstream.route("GET", r"/whatsapp/messages/wamid\.LEAK", echo_headers(400))
    error = call_error(get_message, server, "wamid.LEAK")
    assert upstream.seen("GET")[0].header("x-api-key") == SERVER_KEY  # it was sent...
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert_nowhere(SERVER_KEY, error, server)  # ...and never came back out


def test_caller_key_echoed_by_upstream_never_leaves(start_server, upstream):
    server = start_server("--allow_caller_api_keys")
    upstream.route("GET", r"/whatsapp/messages/wamid\.LEAK", echo_headers(400))
    error = call_error(get_message, server, "wamid.LEAK",
                       metadata=[("x-kapso-api-key", CALLER_KEY)])
    assert upstream.seen("GET")[0].header("x-api-key") == CALLER_KEY
    assert_nowhere(CALLER_KEY, error, server)


BAD_UPSTREAM_IDS = {"control-char": "abc\x01def", "129-chars": "u" * 129,
                    "non-ascii": "id-\xe9t\xe9"}


@pytest.mark.parametrize("value", BAD_UPSTREAM_IDS.values(), ids=BAD_UPSTREAM_IDS.keys())
def test_upstream_request_id_outside_visible_ascii_is_not_copied(server, upstream, value):
    upstream.route("GET", r"/whatsapp/messages/wamid\.RID",
                   answer({"error": "nope"}, 404, {"X-Request-Id": value}))
    error = call_error(get_message, server, "wamid.RID")
    assert error.code == grpc.StatusCode.NOT_FOUND
    assert error.reason == "KAPSO_NOT_FOUND"  # the ErrorInfo parses (valid UTF-8)
    assert "kapso_request_id" not in error.metadata, error.metadata


def test_visible_upstream_request_id_is_copied(server, upstream):
    upstream.route("GET", r"/whatsapp/messages/wamid\.RID",
                   answer({"error": "nope"}, 404, {"X-Request-Id": "9b1d-req-ok"}))
    error = call_error(get_message, server, "wamid.RID")
    assert error.metadata.get("kapso_request_id") == "9b1d-req-ok"
