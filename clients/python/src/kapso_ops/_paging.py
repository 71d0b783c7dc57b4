"""Page iterators over the List* RPCs (page_token in, next_page_token out)."""

from __future__ import annotations

import copy
from typing import AsyncIterator, Awaitable, Callable, Iterator, Protocol, TypeVar


class PagedRequest(Protocol):
    page_token: str


class PagedResponse(Protocol):
    @property
    def next_page_token(self) -> str: ...


ReqT = TypeVar("ReqT", bound=PagedRequest)
RespT = TypeVar("RespT", bound=PagedResponse)


def pages(method: Callable[[ReqT], RespT], request: ReqT) -> Iterator[RespT]:
    """Yields every page of a List* call, following next_page_token to the end.

        for page in kapso_ops.pages(ops.triage.ListApiLogs, triage_pb2.ListApiLogsRequest(page_size=50)):
            for log in page.api_logs: ...
    """
    req = copy.deepcopy(request)
    while True:
        page = method(req)
        yield page
        if not page.next_page_token:
            return
        req.page_token = page.next_page_token


async def apages(method: Callable[[ReqT], Awaitable[RespT]], request: ReqT) -> AsyncIterator[RespT]:
    """The asyncio counterpart of pages(): `async for page in apages(ops.triage.ListApiLogs, req)`."""
    req = copy.deepcopy(request)
    while True:
        page = await method(req)
        yield page
        if not page.next_page_token:
            return
        req.page_token = page.next_page_token
