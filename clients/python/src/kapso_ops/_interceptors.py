"""Client interceptors: a default deadline, and KapsoOpsError instead of grpc.RpcError."""

from __future__ import annotations

import collections
from typing import Any, Callable, Optional

import grpc
import grpc.aio

from kapso_ops.errors import KapsoOpsError


class _CallDetails(
    collections.namedtuple(
        "_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")
    ),
    grpc.ClientCallDetails,
):
    pass


def with_timeout(details: Any, timeout: Optional[float]) -> Any:
    """The call details with `timeout` when the call set none."""
    if timeout is None or details.timeout is not None:
        return details
    return _CallDetails(
        details.method,
        timeout,
        details.metadata,
        details.credentials,
        getattr(details, "wait_for_ready", None),
        getattr(details, "compression", None),
    )


class SyncInterceptor(grpc.UnaryUnaryClientInterceptor):
    """Default deadline; failed calls raise KapsoOpsError (unless decode is False).

    The outcome is inspected once it is done, so `.future()` calls through this
    interceptor wait for their result: use kapso_ops.aio for concurrency.
    """

    def __init__(self, timeout: Optional[float], decode: bool):
        self._timeout = timeout
        self._decode = decode

    def intercept_unary_unary(self, continuation: Callable[[Any, Any], Any], details: Any, request: Any) -> Any:
        outcome = continuation(with_timeout(details, self._timeout), request)
        if self._decode:
            exc = outcome.exception()
            if isinstance(exc, grpc.RpcError):
                raise KapsoOpsError.from_rpc_error(exc) from exc
        return outcome


class AioInterceptor(grpc.aio.UnaryUnaryClientInterceptor):
    """The asyncio counterpart of SyncInterceptor."""

    def __init__(self, timeout: Optional[float], decode: bool):
        self._timeout = timeout
        self._decode = decode

    async def intercept_unary_unary(self, continuation: Callable[[Any, Any], Any], details: Any, request: Any) -> Any:
        call = await continuation(with_timeout(details, self._timeout), request)
        if not self._decode:
            return call
        try:
            return await call
        except grpc.aio.AioRpcError as e:
            raise KapsoOpsError.from_rpc_error(e) from e
