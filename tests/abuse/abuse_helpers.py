"""Small helpers shared by the abuse tests."""
import re
import time

import grpc
import pytest

from google.protobuf.message import DecodeError
from google.rpc import status_pb2
from kapso_ops.errors import KapsoOpsError


def decode_rpc_error(error: grpc.RpcError) -> KapsoOpsError:
    """The call's code with the details of grpc-status-details-bin. Unlike
    grpc_status.rpc_status, tolerates a code that differs from the details'
    (e.g. the client's metadata limit) and details that do not parse."""
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    if raw is None:
        return KapsoOpsError(error.code(), error.details() or "")
    status = status_pb2.Status.FromString(raw)
    try:
        return KapsoOpsError.from_status(error.code(), status)
    except DecodeError as undecodable:
        return KapsoOpsError(error.code(), status.message,
                             reason=f"<ErrorInfo does not parse: {undecodable}>")


def call_error(fn, *args, **kwargs) -> KapsoOpsError:
    """Runs a stub call that must fail and decodes its google.rpc.Status."""
    with pytest.raises(grpc.RpcError) as raised:
        fn(*args, **kwargs)
    return decode_rpc_error(raised.value)


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


def fate(server) -> str:
    """For failure messages: whether the process is still up, or how it died."""
    time.sleep(0.3)
    code = server.proc.poll()
    return "server still running" if code is None else f"server died, exit code {code}"
