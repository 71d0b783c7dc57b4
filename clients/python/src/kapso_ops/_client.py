"""connect(): a channel with the recommended service config, and typed stubs."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Dict, List, Optional, Sequence, Tuple

import grpc

from kapso_ops._interceptors import SyncInterceptor
from kapso_ops.v1 import health_pb2_grpc, message_debug_pb2_grpc, triage_pb2_grpc, webhooks_pb2_grpc


def load_service_config() -> Dict[str, Any]:
    """The recommended gRPC service config (clients/service_config.json)."""
    text = resources.files("kapso_ops").joinpath("service_config.json").read_text(encoding="utf-8")
    config: Dict[str, Any] = json.loads(text)
    return config


def channel_options(
    service_config: Optional[Dict[str, Any]], options: Sequence[Tuple[str, Any]]
) -> List[Tuple[str, Any]]:
    """Channel options: the service config (retries, timeouts) and retries on."""
    config = service_config if service_config is not None else load_service_config()
    return [("grpc.service_config", json.dumps(config)), ("grpc.enable_retries", 1), *options]


def channel_credentials(tls: bool, ca_file: Optional[str]) -> Optional[grpc.ChannelCredentials]:
    """TLS credentials (system roots, or the PEM roots in ca_file), or None for plaintext."""
    if not (tls or ca_file):
        return None
    roots = None
    if ca_file:
        with open(ca_file, "rb") as f:
            roots = f.read()
    return grpc.ssl_channel_credentials(root_certificates=roots)


class Client:
    """Typed stubs of the four kapso.ops.v1 services over one channel.

    `channel` is the intercepted channel: stubs made on it get the same default
    deadline and error decoding.
    """

    def __init__(self, channel: grpc.Channel, raw_channel: Optional[grpc.Channel] = None):
        self.channel = channel
        self._raw_channel = raw_channel if raw_channel is not None else channel
        self.webhooks = webhooks_pb2_grpc.WebhooksStub(channel)
        self.message_debug = message_debug_pb2_grpc.MessageDebugStub(channel)
        self.triage = triage_pb2_grpc.TriageStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)

    def close(self) -> None:
        self._raw_channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(
    target: str,
    *,
    timeout: Optional[float] = None,
    tls: bool = False,
    ca_file: Optional[str] = None,
    service_config: Optional[Dict[str, Any]] = None,
    options: Sequence[Tuple[str, Any]] = (),
    raw_errors: bool = False,
) -> Client:
    """Opens a channel to kapso-ops at ``target`` (host:port) and returns its stubs.

    timeout: default deadline in seconds for calls that pass none; without it the
        per-method timeouts of the service config apply (a call's own timeout and
        the config's are both honoured, the shorter wins).
    tls / ca_file: TLS with the system roots, or with the PEM roots in ca_file
        (ca_file implies tls).
    service_config: overrides the bundled recommended config (a dict).
    options: extra grpc channel options.
    raw_errors: failed calls raise grpc's own RpcError instead of KapsoOpsError.
    """
    opts = channel_options(service_config, options)
    creds = channel_credentials(tls, ca_file)
    raw = grpc.secure_channel(target, creds, options=opts) if creds else grpc.insecure_channel(target, options=opts)
    channel = grpc.intercept_channel(raw, SyncInterceptor(timeout, decode=not raw_errors))
    return Client(channel, raw)
