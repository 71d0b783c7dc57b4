"""Every RPC and CLI command against Prism serving Kapso's own OpenAPI
document in dynamic mode (random answers that conform to the spec, so
optional, nullable and open fields take every shape the spec allows), with
request validation on (--errors).

Each call must succeed: a KAPSO_BAD_RESPONSE here is an answer the spec
allows that kapso-ops cannot read; a KAPSO_INVALID_ARGUMENT is a request the
spec rejects (Prism answers it 422). Prism's log must show no violation.
KAPSO_CONTRACT_ROUNDS (default 25) sets how many times each call runs.
"""
import json
import os
import pathlib
import subprocess

import grpc
import pytest
from google.protobuf import field_mask_pb2, struct_pb2, timestamp_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from kapso_ops.v1 import (common_pb2, health_pb2, health_pb2_grpc, message_debug_pb2,
                          message_debug_pb2_grpc, triage_pb2, triage_pb2_grpc, webhooks_pb2,
                          webhooks_pb2_grpc)

ROUNDS = int(os.environ.get("KAPSO_CONTRACT_ROUNDS", "25"))
CLI_ROUNDS = max(1, ROUNDS // 5)
REPO = pathlib.Path(__file__).resolve().parents[2]
CLI = REPO / "bazel-bin/cli/kapso-ops"
NUMBER = "1000000000000001"
WEBHOOK = "0a000000-0000-4000-8000-000000000001"
CONVERSATION = "c0000000-0000-4000-8000-000000000001"


def ts(text):
    t = timestamp_pb2.Timestamp()
    t.FromJsonString(text)
    return t


def headers_json():
    s = struct_pb2.Struct()
    s.update({"X-Team": "ops", "X-Retries": 3, "X-Flags": {"a": True}})
    return s


W = webhooks_pb2
M = message_debug_pb2
T = triage_pb2
H = health_pb2
CONFIG = W.WEBHOOK_SCOPE_CONFIG
PROJECT = W.WEBHOOK_SCOPE_PROJECT

# (name, stub class, method, request)
RPCS = [
    ("ListWebhooks config, every filter", webhooks_pb2_grpc.WebhooksStub, "ListWebhooks",
     W.ListWebhooksRequest(phone_number_id=NUMBER, kind="kapso", url_contains="hooks",
                           active=True, created_after=ts("2026-01-01T00:00:00Z"),
                           created_before=ts("2026-12-31T00:00:00Z"), page_size=50)),
    ("ListWebhooks project", webhooks_pb2_grpc.WebhooksStub, "ListWebhooks",
     W.ListWebhooksRequest(scope=PROJECT, kind="meta")),
    ("GetWebhook config", webhooks_pb2_grpc.WebhooksStub, "GetWebhook",
     W.GetWebhookRequest(phone_number_id=NUMBER, webhook_id=WEBHOOK)),
    ("GetWebhook project", webhooks_pb2_grpc.WebhooksStub, "GetWebhook",
     W.GetWebhookRequest(scope=PROJECT, webhook_id=WEBHOOK)),
    ("CreateWebhook config", webhooks_pb2_grpc.WebhooksStub, "CreateWebhook",
     W.CreateWebhookRequest(phone_number_id=NUMBER, webhook=W.Webhook(
         url="https://hooks.example.com/k", events=["whatsapp.message.received"],
         headers_json=headers_json(), buffer_enabled=True, buffer_window_seconds=5,
         max_buffer_size=10, inactivity_minutes=30, payload_version="v2"))),
    ("CreateWebhook project", webhooks_pb2_grpc.WebhooksStub, "CreateWebhook",
     W.CreateWebhookRequest(scope=PROJECT, webhook=W.Webhook(
         url="https://hooks.example.com/p", events=["whatsapp.phone_number.created"]))),
    ("UpdateWebhook masked nulls", webhooks_pb2_grpc.WebhooksStub, "UpdateWebhook",
     W.UpdateWebhookRequest(
         phone_number_id=NUMBER, webhook_id=WEBHOOK, webhook=W.Webhook(active=False),
         update_mask=field_mask_pb2.FieldMask(paths=[
             "active", "buffer_window_seconds", "max_buffer_size", "inactivity_minutes",
             "payload_version", "headers_json"]))),
    ("UpdateWebhook project headers", webhooks_pb2_grpc.WebhooksStub, "UpdateWebhook",
     W.UpdateWebhookRequest(scope=PROJECT, webhook_id=WEBHOOK,
                            webhook=W.Webhook(headers_json=headers_json(),
                                              url="https://hooks.example.com/n"))),
    ("DeleteWebhook", webhooks_pb2_grpc.WebhooksStub, "DeleteWebhook",
     W.DeleteWebhookRequest(phone_number_id=NUMBER, webhook_id=WEBHOOK)),
    ("TestWebhook", webhooks_pb2_grpc.WebhooksStub, "TestWebhook",
     W.TestWebhookRequest(webhook_id=WEBHOOK, event_type="whatsapp.message.received")),
    ("ListMessages, every filter", message_debug_pb2_grpc.MessageDebugStub, "ListMessages",
     M.ListMessagesRequest(phone_number_id=NUMBER, conversation_id=CONVERSATION,
                           phone_number="+1415", direction="outbound", status="failed",
                           message_type="text", has_media=False, page_size=100)),
    ("GetMessage", message_debug_pb2_grpc.MessageDebugStub, "GetMessage",
     M.GetMessageRequest(message_id="wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3")),
    ("ListConversations", message_debug_pb2_grpc.MessageDebugStub, "ListConversations",
     M.ListConversationsRequest(phone_number="+14155550123", phone_number_id=NUMBER,
                                status="active")),
    ("GetConversation", message_debug_pb2_grpc.MessageDebugStub, "GetConversation",
     M.GetConversationRequest(conversation_id=CONVERSATION)),
    ("ListMessageErrors", triage_pb2_grpc.TriageStub, "ListMessageErrors",
     T.ListMessageErrorsRequest(period=common_pb2.PERIOD_7D, limit=10, phone_number="1415",
                                phone_number_id=NUMBER)),
    ("ListApiLogs", triage_pb2_grpc.TriageStub, "ListApiLogs",
     T.ListApiLogsRequest(period=common_pb2.PERIOD_30D, endpoint="/whatsapp", status_code=422,
                          errors_only=True)),
    ("ListWebhookDeliveries", triage_pb2_grpc.TriageStub, "ListWebhookDeliveries",
     T.ListWebhookDeliveriesRequest(period=common_pb2.PERIOD_24H, status="failed",
                                    event="whatsapp.message.failed", webhook_id=WEBHOOK,
                                    errors_only=True)),
    ("RunTriage", triage_pb2_grpc.TriageStub, "RunTriage",
     T.RunTriageRequest(period=common_pb2.PERIOD_7D, limit=20)),
    ("RunTriage one number", triage_pb2_grpc.TriageStub, "RunTriage",
     T.RunTriageRequest(phone_number_id=NUMBER)),
    ("GetProjectOverview", health_pb2_grpc.HealthStub, "GetProjectOverview",
     H.GetProjectOverviewRequest(period=common_pb2.PERIOD_7D)),
    ("CheckPhoneNumberHealth", health_pb2_grpc.HealthStub, "CheckPhoneNumberHealth",
     H.CheckPhoneNumberHealthRequest(phone_number_id=NUMBER)),
]


def describe(error):
    status = rpc_status.from_call(error)
    reason, metadata = "", {}
    for detail in status.details if status else []:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            reason, metadata = info.reason, dict(info.metadata)
    return f"{error.code().name} {reason} {error.details()} {metadata}"


@pytest.fixture(scope="module")
def channel(mock_server):
    with grpc.insecure_channel(mock_server.addr) as ch:
        yield ch


@pytest.mark.parametrize("name,stub,method,request_", RPCS, ids=[r[0] for r in RPCS])
def test_rpc_reads_every_answer_the_spec_allows(channel, name, stub, method, request_):
    call = getattr(stub(channel), method)
    failures = []
    for _ in range(ROUNDS):
        try:
            response = call(request_, timeout=10)
        except grpc.RpcError as error:
            failures.append(describe(error))
            continue
        token = getattr(response, "next_page_token", "")
        if token:  # the next page of Kapso's (random) cursor or page number
            follow = type(request_)()
            follow.CopyFrom(request_)
            follow.page_token = token
            try:
                call(follow, timeout=10)
            except grpc.RpcError as error:
                failures.append("next page: " + describe(error))
    assert not failures, f"{len(failures)}/{ROUNDS} failed, e.g. {failures[:3]}"


CLI_COMMANDS = [
    ["webhooks", "list", "--phone-number-id", NUMBER, "--kind", "kapso", "--url-contains",
     "hooks", "--active", "true", "--created-after", "2026-01-01T00:00:00Z",
     "--created-before", "2026-12-31T00:00:00Z"],
    ["webhooks", "list", "--scope", "project", "--per-page", "3"],
    ["webhooks", "get", "--phone-number-id", NUMBER, "--webhook-id", WEBHOOK],
    ["webhooks", "create", "--phone-number-id", NUMBER, "--url", "https://hooks.example.com/c",
     "--events", "whatsapp.message.received", "--headers", '{"X-Retries": 3, "X-Team": "ops"}'],
    ["webhooks", "update", "--phone-number-id", NUMBER, "--webhook-id", WEBHOOK, "--active",
     "false", "--inactivity-minutes", "30", "--headers", '{"X-On": true}'],
    ["webhooks", "delete", "--phone-number-id", NUMBER, "--webhook-id", WEBHOOK],
    ["webhooks", "test", "--webhook-id", WEBHOOK, "--event-type", "whatsapp.message.received"],
    ["messages", "list", "--phone-number", "+1415", "--direction", "inbound", "--has-media",
     "true"],
    ["messages", "get", "--message-id", "wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3"],
    ["conversations", "lookup", "--phone-number", "+14155550123", "--status", "active"],
    ["conversations", "lookup", "--phone-number", "14155550123", "--per-page", "2"],
    ["conversations", "lookup", "--conversation-id", CONVERSATION],
    ["errors", "--period", "7d", "--limit", "5"],
    ["api-logs", "--errors-only", "--status-code", "500"],
    ["webhook-deliveries", "--status", "failed", "--webhook-id", WEBHOOK],
    ["triage", "--period", "7d", "--limit", "20"],
    ["triage", "--phone-number-id", NUMBER],
    ["overview", "--period", "30d"],
    ["health", "--phone-number-id", NUMBER],
]


@pytest.mark.parametrize("args", CLI_COMMANDS, ids=[" ".join(c[:2]) for c in CLI_COMMANDS])
def test_cli_command_reads_every_answer_the_spec_allows(mock_server, args):
    env = dict(os.environ, KAPSO_OPS_SERVER=mock_server.addr)
    for output in ["json", "table"] * CLI_ROUNDS:
        result = subprocess.run([str(CLI), "--output", output, "--timeout", "10s", *args],
                                env=env, capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, (output, result.stderr[-1500:])
        if output == "json":
            assert json.loads(result.stdout)["ok"] is True


BAD_IDS = [
    (webhooks_pb2_grpc.WebhooksStub, "GetWebhook",
     W.GetWebhookRequest(scope=PROJECT, webhook_id="webhook-1"), "webhook_id"),
    (webhooks_pb2_grpc.WebhooksStub, "TestWebhook", W.TestWebhookRequest(webhook_id="1"),
     "webhook_id"),
    (message_debug_pb2_grpc.MessageDebugStub, "GetConversation",
     M.GetConversationRequest(conversation_id="conv_1"), "conversation_id"),
    (message_debug_pb2_grpc.MessageDebugStub, "ListMessages",
     M.ListMessagesRequest(conversation_id="c0000000-0000-4000-8000-00000000001"),
     "conversation_id"),
    (triage_pb2_grpc.TriageStub, "ListWebhookDeliveries",
     T.ListWebhookDeliveriesRequest(webhook_id="wh_1"), "webhook_id"),
]


@pytest.mark.parametrize("stub,method,request_,field", BAD_IDS, ids=[b[1] for b in BAD_IDS])
def test_ids_the_spec_declares_uuid_are_refused_before_kapso(prism_mock, channel, stub, method,
                                                             request_, field):
    received = prism_mock.log().count("Request received")
    with pytest.raises(grpc.RpcError) as caught:
        getattr(stub(channel), method)(request_, timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = []
    for detail in rpc_status.from_call(caught.value).details:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            fields += [v.field for v in bad.field_violations]
    assert fields == [field]
    assert prism_mock.log().count("Request received") == received  # never sent


def test_prism_saw_no_violation(prism_mock, mock_server):
    """Runs last (file order): every request above conformed to the spec."""
    assert prism_mock.violations() == []
