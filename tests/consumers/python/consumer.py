"""A consumer of the packaged kapso-ops wheel: overview, a decoded NOT_FOUND, paging
to the end, sync and asyncio. Checked with `mypy --strict`; exits non-zero on failure."""

import asyncio
import os
import sys

import grpc

import kapso_ops
import kapso_ops.aio
from kapso_ops.v1 import health_pb2, message_debug_pb2, webhooks_pb2

NUMBER = "1000000000000001"
MISSING = webhooks_pb2.GetWebhookRequest(phone_number_id=NUMBER, webhook_id="0a000000-0000-4000-8000-00000000dead")


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        sys.exit(1)


def run_sync(addr: str) -> None:
    with kapso_ops.connect(addr, timeout=20) as ops:
        overview: health_pb2.ProjectOverview = ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
        check(overview.phone_numbers_total >= 3, f"overview: {overview.phone_numbers_total} numbers")
        if overview.HasField("phone_numbers_error"):  # an int code inside a response decodes too
            kapso_ops.KapsoOpsError.from_status(overview.phone_numbers_error.code, overview.phone_numbers_error)
        try:
            ops.webhooks.GetWebhook(MISSING)
            check(False, "GetWebhook of a missing webhook raised")
        except kapso_ops.KapsoOpsError as err:
            check(err.code == grpc.StatusCode.NOT_FOUND and err.reason == "KAPSO_NOT_FOUND",
                  f"decoded error: {err.code.name} {err.reason} http_status={err.http_status}")
        ids: list[str] = []
        pages = 0
        for page in kapso_ops.pages(ops.message_debug.ListMessages, message_debug_pb2.ListMessagesRequest(page_size=5)):
            pages += 1
            ids.extend(m.id for m in page.messages)
        check(pages >= 2 and len(ids) == len(set(ids)) > 5, f"paging: {pages} pages, {len(ids)} messages")


async def run_aio(addr: str) -> None:
    async with kapso_ops.aio.connect(addr, timeout=20) as ops:
        overview = await ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
        check(overview.phone_numbers_total >= 3, "aio overview")
        try:
            await ops.webhooks.GetWebhook(MISSING)
            check(False, "aio GetWebhook of a missing webhook raised")
        except kapso_ops.KapsoOpsError as err:
            check(err.reason == "KAPSO_NOT_FOUND", f"aio decoded error: {err.reason}")
        n = 0
        async for page in kapso_ops.aio.pages(ops.message_debug.ListMessages,
                                              message_debug_pb2.ListMessagesRequest(page_size=5)):
            n += len(page.messages)
        check(n > 5, f"aio paging: {n} messages")


def main() -> None:
    addr = os.environ["KAPSO_OPS_ADDR"]
    run_sync(addr)
    asyncio.run(run_aio(addr))


if __name__ == "__main__":
    main()
