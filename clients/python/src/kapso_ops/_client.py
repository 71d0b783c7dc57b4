"""connect(): a channel with the recommended service config, and typed stubs."""

from __future__ import annotations

import collections
import json
from importlib import resources
from typing import Any, Optional, Sequence, Tuple

import grpc

from kapso_ops.v1 import health_pb2_grpc, message_debug_pb2_grpc, triage_pb2_grpc, webhooks_pb2_grpc


def load_service_config() -> dict:
    """The recommended gRPC service config (clients/service_config.json)."""
    text = resources.files("kapso_ops").joinpath("service_config.json").read_text(encoding="utf-8")
    return json.loads(text)


class _CallDetails(
    collections.namedtuple(
        "_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")
    ),
    grpc.ClientCallDetails,
):
    pass


class _DefaultTimeout(grpc.UnaryUnaryClientInterceptor):
    """Gives every call without its own timeout the client's default deadline."""

    def __init__(self, timeout: float):
        self._timeout = timeout

    def intercept_unary_unary(self, continuation, details, request):
        if details.timeout is None:
            details = _CallDetails(
                details.method,
                self._timeout,
                details.metadata,
                details.credentials,
                getattr(details, "wait_for_ready", None),
                getattr(details, "compression", None),
            )
        return continuation(details, request)


class Client:
    """Typed stubs of the four kapso.ops.v1 services over one channel."""

    def __init__(self, channel: grpc.Channel):
        self.channel = channel
        self.webhooks = webhooks_pb2_grpc.WebhooksStub(channel)
        self.message_debug = message_debug_pb2_grpc.MessageDebugStub(channel)
        self.triage = triage_pb2_grpc.TriageStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def connect(
    target: str,
    *,
    timeout: Optional[float] = None,
    tls: bool = False,
    ca_file: Optional[str] = None,
    service_config: Optional[dict] = None,
    options: Sequence[Tuple[str, Any]] = (),
) -> Client:
    """Opens a channel to kapso-ops at ``target`` (host:port) and returns its stubs.

    timeout: default deadline in seconds for calls that pass none; without it the
        per-method timeouts of the service config apply (a call's own timeout and
        the config's are both honoured, the shorter wins).
    tls / ca_file: TLS with the system roots, or with the PEM roots in ca_file
        (ca_file implies tls).
    service_config: overrides the bundled recommended config (a dict).
    options: extra grpc channel options.
    """
    config = service_config if service_config is not None else load_service_config()
    opts = [
        ("grpc.service_config", json.dumps(config)),
        ("grpc.enable_retries", 1),
        *options,
    ]
    if tls or ca_file:
        roots = None
        if ca_file:
            with open(ca_file, "rb") as f:
                roots = f.read()
        channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=roots), options=opts)
    else:
        channel = grpc.insecure_channel(target, options=opts)
    if timeout is not None:
        channel = grpc.intercept_channel(channel, _DefaultTimeout(timeout))
    return Client(channel)
