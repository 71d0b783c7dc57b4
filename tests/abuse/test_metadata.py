"""Hostile callers' metadata: x-request-id and x-kapso-api-key with bytes
grpcio refuses to send, sent with a raw HTTP/2 client. Contract: a bad
request id is replaced by a generated one (32 lowercase hex), a bad caller
key is UNAUTHENTICATED / INVALID_CALLER_API_KEY without an upstream call, and
the server never aborts."""
import re

import pytest

import raw_grpc
from abuse_helpers import fate, still_serves
from kapso_ops.v1 import message_debug_pb2

GET_MESSAGE = "/kapso.ops.v1.MessageDebug/GetMessage"
GENERATED_ID = re.compile(rb"[0-9a-f]{32}")
UNAUTHENTICATED = 16

BAD_REQUEST_IDS = {
    "tab": b"abc\tdef",
    "cr": b"abc\rdef",
    "lf": b"abc\ndef",
    "nul": b"abc\x00def",
    "0xff": b"abc\xffdef",
    "crlf-injection": b"abc\r\nX-Injected: yes",
    "space": b"abc def",
    "del": b"abc\x7f",
    "129-chars": b"r" * 129,
}


def get_message_raw(server, message_id: str, metadata, timeout: float = 10.0):
    request = message_debug_pb2.GetMessageRequest(message_id=message_id).SerializeToString()
    return raw_grpc.unary(server.addr, GET_MESSAGE, request, metadata, timeout=timeout)


@pytest.mark.parametrize("value", BAD_REQUEST_IDS.values(), ids=BAD_REQUEST_IDS.keys())
def test_bad_request_id_is_replaced_by_a_generated_one(server, upstream, value):
    result = get_message_raw(server, "wamid.RID", [(b"x-request-id", value)])
    assert not result.terminated, f"connection dropped: {fate(server)}"
    assert result.grpc_status == 0, result.grpc_message
    returned = result.headers.get(b"x-request-id", b"")
    assert GENERATED_ID.fullmatch(returned), f"x-request-id sent back: {returned!r}"
    [sent] = upstream.seen("GET", r"/whatsapp/messages/wamid\.RID")  # one request, one id
    assert sent.header("x-request-id") == returned.decode()
    assert b"X-Injected" not in sent.raw_head
    assert still_serves(server)


def test_visible_ascii_request_id_is_kept_end_to_end(server, upstream):
    result = get_message_raw(server, "wamid.RID", [(b"x-request-id", b"req-42_ok.ID")])
    assert result.grpc_status == 0
    assert result.headers.get(b"x-request-id") == b"req-42_ok.ID"
    assert upstream.seen("GET")[0].header("x-request-id") == "req-42_ok.ID"


def test_server_never_aborts_on_any_metadata_byte(start_server, upstream):
    """Every byte outside visible ASCII, alone in each metadata position: the
    request id, a caller key the server does not accept, an unknown header,
    and a -bin header that is not base64."""
    server = start_server()
    for byte in [b for b in range(256) if not 0x21 <= b <= 0x7E]:
        value = b"v" + bytes([byte]) + b"v"
        for name in (b"x-request-id", b"x-kapso-api-key", b"x-custom", b"x-custom-bin"):
            try:
                result = get_message_raw(server, "wamid.SWEEP", [(name, value)], timeout=5)
            except ConnectionRefusedError:
                pytest.fail(f"server gone before {name!r} with byte 0x{byte:02x}")
            # A stream reset or GOAWAY for malformed metadata is fine; a dead
            # process is not (an abort lands just after the connection drops).
            if result.terminated or result.reset is not None:
                assert "still running" in fate(server), \
                    f"{name!r} with byte 0x{byte:02x}: {fate(server)}"
    assert still_serves(server)


BAD_CALLER_KEYS = {
    "crlf-host-injection": b"ck-BADKEY-1\r\nHost: evil.example",
    "tab": b"ck-BADKEY-1\tx",
    "nul": b"ck-BADKEY-1\x00x",
    "0xff": b"ck-BADKEY-1\xff",
    "space": b"ck-BADKEY-1 x",
    "257-chars": b"ck-BADKEY-1" + b"k" * 246,
}


@pytest.mark.parametrize("key", BAD_CALLER_KEYS.values(), ids=BAD_CALLER_KEYS.keys())
def test_bad_caller_key_is_unauthenticated_without_upstream_call(start_server, upstream, key):
    server = start_server("--allow_caller_api_keys")
    result = get_message_raw(server, "wamid.KEY", [(b"x-kapso-api-key", key)])
    assert not result.terminated, f"connection dropped: {fate(server)}"
    assert result.grpc_status == UNAUTHENTICATED, (result.grpc_status, result.grpc_message)
    info = result.error_info()
    assert info is not None and info.reason == "INVALID_CALLER_API_KEY"
    assert info.domain == "ops.kapso.ai"
    assert upstream.count() == 0
    assert "BADKEY" not in result.grpc_message and "evil" not in result.grpc_message
    assert still_serves(server)


def test_valid_caller_key_is_what_goes_upstream(start_server, upstream):
    server = start_server("--allow_caller_api_keys")
    result = get_message_raw(server, "wamid.KEY", [(b"x-kapso-api-key", b"ck-good-key-123")])
    assert result.grpc_status == 0, result.grpc_message
    assert upstream.seen("GET")[0].header("x-api-key") == "ck-good-key-123"
