"""Small helpers shared by the abuse tests."""
import re
import time

import grpc
import pytest

from kapso_ops.errors import KapsoOpsError


def call_error(fn, *args, **kwargs) -> KapsoOpsError:
    """Runs a stub call that must fail and decodes its google.rpc.Status."""
    with pytest.raises(grpc.RpcError) as raised:
        fn(*args, **kwargs)
    return KapsoOpsError.from_rpc_error(raised.value)


def timed(fn, *args, **kwargs):
    """(result or exception, seconds)."""
    start = time.monotonic()
    try:
        result = fn(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the caller asserts on it
        result = error
    return result, time.monotonic() - start


def controls(text: str):
    """ASCII control characters (incl. ESC, DEL) found in `text`."""
    return re.findall(r"[\x00-\x1f\x7f]", text)


class Stubs:
    """The four kapso.ops.v1 services on one channel."""

    def __init__(self, channel: grpc.Channel):
        from kapso_ops.v1 import (health_pb2_grpc, message_debug_pb2_grpc, triage_pb2_grpc,
                                  webhooks_pb2_grpc)
        self.messages = message_debug_pb2_grpc.MessageDebugStub(channel)
        self.webhooks = webhooks_pb2_grpc.WebhooksStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)
        self.triage = triage_pb2_grpc.TriageStub(channel)


def get_message(server, message_id: str, timeout: float = 5.0, metadata=()):
    from kapso_ops.v1 import message_debug_pb2
    with server.channel() as channel:
        return Stubs(channel).messages.GetMessage(
            message_debug_pb2.GetMessageRequest(message_id=message_id),
            timeout=timeout, metadata=metadata)


def still_serves(server) -> bool:
    """The process is alive and a normal upstream-backed RPC succeeds."""
    return server.alive() and get_message(server, "wamid.ALIVE").id == "wamid.ALIVE"
