"""Smoke tests against a running kapso-ops server and sandbox (docs/contracts.md seed data)."""

import asyncio
import os

import grpc
import pytest

import kapso_ops
import kapso_ops.aio
from kapso_ops.v1 import health_pb2, message_debug_pb2, triage_pb2, webhooks_pb2

NUMBER = "1000000000000001"
MISSING_WEBHOOK = "0a000000-0000-4000-8000-00000000dead"


def test_health_project_overview(ops):
    overview = ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
    assert overview.phone_numbers_total >= 3
    ids = {p.id for p in overview.phone_numbers} | {p.phone_number_id for p in overview.phone_numbers}
    assert NUMBER in ids


def test_webhooks_list(ops):
    resp = ops.webhooks.ListWebhooks(webhooks_pb2.ListWebhooksRequest(phone_number_id=NUMBER))
    ids = [w.id for w in resp.webhooks]
    assert len(ids) == 3, ids
    assert "0a000000-0000-4000-8000-000000000001" in ids


def test_message_debug_get_message_timeline(ops):
    msg = ops.message_debug.GetMessage(message_debug_pb2.GetMessageRequest(message_id="wamid.SANDBOX0001"))
    assert msg.id == "wamid.SANDBOX0001"
    statuses = [e.status for e in msg.delivery_timeline]
    assert statuses[-3:] == ["sent", "delivered", "read"], statuses
    assert all(e.HasField("time") for e in msg.delivery_timeline)


def test_message_debug_list_messages_second_page(ops):
    first = ops.message_debug.ListMessages(message_debug_pb2.ListMessagesRequest(page_size=5))
    assert len(first.messages) == 5
    assert first.next_page_token
    second = ops.message_debug.ListMessages(
        message_debug_pb2.ListMessagesRequest(page_size=5, page_token=first.next_page_token)
    )
    assert len(second.messages) == 5
    assert not {m.id for m in first.messages} & {m.id for m in second.messages}


def test_triage_list_api_logs(ops):
    resp = ops.triage.ListApiLogs(triage_pb2.ListApiLogsRequest(page_size=10))
    assert len(resp.api_logs) > 0


def test_error_raises_kapso_ops_error_with_error_info(ops):
    with pytest.raises(kapso_ops.KapsoOpsError) as info:
        ops.webhooks.GetWebhook(
            webhooks_pb2.GetWebhookRequest(phone_number_id=NUMBER, webhook_id=MISSING_WEBHOOK)
        )
    err = info.value
    assert err.code == grpc.StatusCode.NOT_FOUND
    assert err.reason == "KAPSO_NOT_FOUND"
    assert err.domain == kapso_ops.ERROR_DOMAIN
    assert err.http_status == 404


def test_pages_reads_list_messages_to_the_last_page(ops):
    request = message_debug_pb2.ListMessagesRequest(page_size=5)
    pages = list(kapso_ops.pages(ops.message_debug.ListMessages, request))
    assert len(pages) >= 2
    assert pages[-1].next_page_token == ""
    ids = [m.id for p in pages for m in p.messages]
    assert len(ids) == len(set(ids)) > 5


def test_aio_overview_error_and_pages():
    async def run():
        async with kapso_ops.aio.connect(os.environ["KAPSO_OPS_ADDR"], timeout=20) as ops:
            overview = await ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
            with pytest.raises(kapso_ops.KapsoOpsError) as info:
                await ops.webhooks.GetWebhook(
                    webhooks_pb2.GetWebhookRequest(phone_number_id=NUMBER, webhook_id=MISSING_WEBHOOK)
                )
            req = triage_pb2.ListApiLogsRequest(page_size=5)
            pages = [p async for p in kapso_ops.aio.pages(ops.triage.ListApiLogs, req)]
            return overview, info.value, pages

    if not os.environ.get("KAPSO_OPS_ADDR"):
        pytest.fail("KAPSO_OPS_ADDR is not set", pytrace=False)
    overview, err, pages = asyncio.run(run())
    assert overview.phone_numbers_total >= 3
    assert err.reason == "KAPSO_NOT_FOUND"
    assert pages[-1].next_page_token == "" and sum(len(p.api_logs) for p in pages) > 0


def test_calls_reached_the_sandbox(ops, sandbox_stats):
    ops.triage.ListApiLogs(triage_pb2.ListApiLogsRequest(page_size=1))
    stats = sandbox_stats()
    assert stats["total_requests"] > 0
    assert any(r["path"].startswith("/platform/v1/") for r in stats["requests"])
