"""The spec's named examples, for every Kapso answer kapso-ops reads that has
any, served to the real server binary and read back through its RPCs: each
member of the example that kapso-ops maps must come back with the same value
(timestamps compared as instants; a member with an open twin `<name>_json`
also compared raw there). Members kapso-ops does not map are listed, not
failed: it reads what it uses on purpose.

The examples are served by a small loopback upstream (one example per call)
rather than Prism's static mode, so every named example of an answer is
checked, not only the first (the server cannot send Prism's
`Prefer: example=NAME`).
"""
import datetime
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
import pytest
import yaml
from google.protobuf import field_mask_pb2, json_format

from conftest import CONTRACT_KEY
from kapso_ops.v1 import (health_pb2, health_pb2_grpc, message_debug_pb2, message_debug_pb2_grpc,
                          webhooks_pb2, webhooks_pb2_grpc)
from prism import SPEC
from server_processes import start_server

BASE = "/platform/v1"
NUMBER = "1000000000000001"
WEBHOOK = "0a000000-0000-4000-8000-000000000001"
CONVERSATION = "c63ced48-1283-4d55-8c8d-930f525aa0e5"
EMPTY_CURSOR_LIST = {"data": [], "paging": {"cursors": {}, "next": None, "previous": None}}


def new_webhook():
    return webhooks_pb2.Webhook(url="https://api.acme.com/webhooks/whatsapp", secret_key="s",
                                events=["whatsapp.message.received"])


# (method, spec path, how to call the RPC, where the example's `data` is in the answer)
CASES = [
    ("post", "/whatsapp/phone_numbers/{phone_number_id}/webhooks",
     lambda ch: webhooks_pb2_grpc.WebhooksStub(ch).CreateWebhook(webhooks_pb2.CreateWebhookRequest(
         phone_number_id=NUMBER, webhook=new_webhook()), timeout=10), lambda r: r, "data"),
    ("patch", "/whatsapp/phone_numbers/{phone_number_id}/webhooks/{webhook_id}",
     lambda ch: webhooks_pb2_grpc.WebhooksStub(ch).UpdateWebhook(webhooks_pb2.UpdateWebhookRequest(
         phone_number_id=NUMBER, webhook_id=WEBHOOK, webhook=webhooks_pb2.Webhook(active=False),
         update_mask=field_mask_pb2.FieldMask(paths=["active"])), timeout=10), lambda r: r, "data"),
    ("get", "/whatsapp/messages",
     lambda ch: message_debug_pb2_grpc.MessageDebugStub(ch).ListMessages(
         message_debug_pb2.ListMessagesRequest(), timeout=10), lambda r: r.messages, "data"),
    ("get", "/whatsapp/messages/{message_id}",
     lambda ch: message_debug_pb2_grpc.MessageDebugStub(ch).GetMessage(
         message_debug_pb2.GetMessageRequest(message_id="wamid.X"), timeout=10), lambda r: r, "data"),
    ("get", "/whatsapp/conversations",
     lambda ch: message_debug_pb2_grpc.MessageDebugStub(ch).ListConversations(
         message_debug_pb2.ListConversationsRequest(), timeout=10),
     lambda r: r.conversations, "data"),
    ("get", "/whatsapp/conversations/{conversation_id}",
     lambda ch: message_debug_pb2_grpc.MessageDebugStub(ch).GetConversation(
         message_debug_pb2.GetConversationRequest(conversation_id=CONVERSATION), timeout=10),
     lambda r: r, "data"),
    ("get", "/whatsapp/phone_numbers",
     lambda ch: health_pb2_grpc.HealthStub(ch).GetProjectOverview(
         health_pb2.GetProjectOverviewRequest(), timeout=10), lambda r: r.phone_numbers, "data"),
    ("get", "/whatsapp/phone_numbers/{phone_number_id}/health",
     lambda ch: health_pb2_grpc.HealthStub(ch).CheckPhoneNumberHealth(
         health_pb2.CheckPhoneNumberHealthRequest(phone_number_id=NUMBER), timeout=10),
     lambda r: r, None),
]


def named_examples():
    spec = yaml.safe_load(SPEC.read_text())
    out = []
    for method, path, call, pick, key in CASES:
        responses = spec["paths"][path][method]["responses"]
        code = next(c for c in responses if str(c).startswith("2"))
        examples = responses[code]["content"]["application/json"].get("examples", {})
        for name, example in examples.items():
            out.append(pytest.param(method, path, int(code), example["value"], call, pick, key,
                                    id=f"{method.upper()} {path} {name}"))
    return out


class Upstream(ThreadingHTTPServer):
    """Answers `method path` with one example; other lists with empty pages."""

    def __init__(self, method, path, status, body):
        pattern = "/".join("[^/?]+" if part.startswith("{") else re.escape(part)
                           for part in (BASE + path).split("/"))
        self.route = (method.upper(), re.compile(pattern + r"(\?.*)?$"))
        self.answer = (status, json.dumps(body).encode())
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    def handle_one(self):
        method, route = self.server.route
        if self.command == method and route.match(self.path):
            status, body = self.server.answer
        else:
            status, body = 200, json.dumps(EMPTY_CURSOR_LIST).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_DELETE = handle_one

    def log_message(self, *args):
        pass


def instant(text):
    if not isinstance(text, str) or not re.match(r"\d{4}-\d\d-\d\dT", text):
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def is_default(value):
    return value in (None, "", 0, False, [], {})


class Compare:
    def __init__(self):
        self.checked, self.unmapped, self.mismatches = 0, [], []

    def value(self, expected, actual, where):
        if isinstance(expected, dict):
            return self.object(expected, actual if isinstance(actual, dict) else {}, where)
        if isinstance(expected, list):
            if not isinstance(actual, list) or len(actual) != len(expected):
                return self.mismatches.append(f"{where}: {expected!r} != {actual!r}")
            for i, (e, a) in enumerate(zip(expected, actual)):
                self.value(e, a, f"{where}[{i}]")
            return None
        self.checked += 1
        same = (expected is None and is_default(actual)) or expected == actual or (
            instant(expected) is not None and instant(expected) == instant(actual)) or (
            isinstance(expected, int) and str(expected) == actual)
        if not same:
            self.mismatches.append(f"{where}: {expected!r} != {actual!r}")
        return None

    def object(self, expected, actual, where):
        for key, value in expected.items():
            twin = actual.get(key + "_json")
            if twin is not None:
                self.checked += 1
                if twin != value:
                    self.mismatches.append(f"{where}.{key}_json: {value!r} != {twin!r}")
            if key in actual:
                self.value(value, actual[key], f"{where}.{key}")
            elif twin is None and not is_default(value):
                self.unmapped.append(f"{where}.{key}")


@pytest.mark.parametrize("method,path,status,example,call,pick,key", named_examples())
def test_named_example_reads_back_field_by_field(method, path, status, example, call, pick, key):
    upstream = Upstream(method, path, status, example)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    server = start_server(f"http://127.0.0.1:{upstream.server_address[1]}", "--access_log=false",
                          key=CONTRACT_KEY)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            answer = pick(call(channel))
    finally:
        server.stop()
        upstream.shutdown()
    as_json = lambda m: json_format.MessageToDict(  # noqa: E731
        m, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    actual = [as_json(m) for m in answer] if not hasattr(answer, "DESCRIPTOR") else as_json(answer)
    compare = Compare()
    compare.value(example[key] if key else example, actual, "example")
    assert compare.mismatches == [], compare.mismatches
    assert compare.checked > 0
    print(f"{compare.checked} values checked; not mapped: {compare.unmapped}")
