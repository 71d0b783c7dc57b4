"""Hostile request payloads and the read-only replica: invalid UTF-8 in a
string field is INVALID_ARGUMENT; --read_only refuses every mutating RPC
without an upstream call."""
import grpc
import pytest

import kapso_shapes as shapes
from abuse_helpers import Stubs, call_error, get_message, still_serves
from raw_grpc import string_field
from webhook_calls import WRITES

INVALID_UTF8 = {  # name: (method path, hand-made request bytes)
    "GetMessage.message_id": ("/kapso.ops.v1.MessageDebug/GetMessage",
                              string_field(1, b"wamid.\xff\xfe")),
    "ListMessages.phone_number_id": ("/kapso.ops.v1.MessageDebug/ListMessages",
                                     string_field(1, b"100\xc3(")),
    "CreateWebhook.webhook.url": ("/kapso.ops.v1.Webhooks/CreateWebhook",
                                  string_field(1, shapes.PHONE_NUMBER_ID.encode())
                                  + string_field(3, string_field(2, b"https://h.example/\xed\xa0\x80"))),
}


@pytest.mark.parametrize("method, request_bytes", INVALID_UTF8.values(), ids=INVALID_UTF8.keys())
def test_invalid_utf8_in_a_string_field_is_invalid_argument(server, upstream, method,
                                                           request_bytes):
    with server.channel() as channel:
        call = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
        with pytest.raises(grpc.RpcError) as raised:
            call(request_bytes, timeout=5)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT, raised.value.details()
    assert upstream.count() == 0
    assert still_serves(server)


@pytest.mark.parametrize("call, method, path", WRITES.values(), ids=WRITES.keys())
def test_read_only_refuses_writes_without_an_upstream_call(start_server, upstream, call, method,
                                                           path):
    server = start_server("--read_only")
    with server.channel() as channel:
        error = call_error(call, Stubs(channel))
    assert error.code == grpc.StatusCode.PERMISSION_DENIED, (error.code, error.message)
    assert error.reason == "READ_ONLY_REPLICA"
    assert upstream.count() == 0


def test_read_only_still_serves_reads(start_server, upstream):
    server = start_server("--read_only")
    assert get_message(server, "wamid.READ").id == "wamid.READ"
    assert upstream.count("GET") == 1
