"""asyncio client: the same stubs, service config, deadline and errors on grpc.aio.

    import kapso_ops.aio
    async with kapso_ops.aio.connect("127.0.0.1:50051", timeout=10) as ops:
        overview = await ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
        async for page in kapso_ops.aio.pages(ops.triage.ListApiLogs, triage_pb2.ListApiLogsRequest()):
            ...
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

import grpc.aio

from kapso_ops._client import channel_credentials, channel_options
from kapso_ops._interceptors import AioInterceptor
from kapso_ops._paging import apages as pages
from kapso_ops.v1 import health_pb2_grpc, message_debug_pb2_grpc, triage_pb2_grpc, webhooks_pb2_grpc

__all__ = ["AsyncClient", "connect", "pages"]


class AsyncClient:
    """Typed asyncio stubs of the four kapso.ops.v1 services over one grpc.aio channel."""

    def __init__(self, channel: grpc.aio.Channel):
        self.channel = channel
        self.webhooks = webhooks_pb2_grpc.WebhooksStub(channel)
        self.message_debug = message_debug_pb2_grpc.MessageDebugStub(channel)
        self.triage = triage_pb2_grpc.TriageStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)

    async def close(self) -> None:
        await self.channel.close()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def connect(
    target: str,
    *,
    timeout: Optional[float] = None,
    tls: bool = False,
    ca_file: Optional[str] = None,
    service_config: Optional[Dict[str, Any]] = None,
    options: Sequence[Tuple[str, Any]] = (),
    raw_errors: bool = False,
) -> AsyncClient:
    """kapso_ops.connect for asyncio (same arguments); call it inside a running event loop."""
    opts = channel_options(service_config, options)
    creds = channel_credentials(tls, ca_file)
    interceptors = [AioInterceptor(timeout, decode=not raw_errors)]
    if creds:
        channel = grpc.aio.secure_channel(target, creds, options=opts, interceptors=interceptors)
    else:
        channel = grpc.aio.insecure_channel(target, options=opts, interceptors=interceptors)
    return AsyncClient(channel)
