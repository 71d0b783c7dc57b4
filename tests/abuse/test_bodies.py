"""Hostile upstream bodies: deeply nested JSON, 200 MB answers and error
bodies, error text with ANSI escapes and newlines, {"data": null}, malformed
JSON."""
import json
import re
import subprocess
import threading
import time
import urllib.parse

import grpc
import pytest

import kapso_shapes as shapes
import raw_grpc
from abuse_helpers import Stubs, call_error, controls, get_message, still_serves, timed
from abuse_server import CLI
from hostile_upstream import answer, huge
from kapso_ops.errors import KapsoOpsError
from kapso_ops.v1 import message_debug_pb2, webhooks_pb2

MiB = 1 << 20
DEFAULT_BODY_LIMIT = 8 * MiB


def assert_bad_response(error, path: str) -> None:
    """INTERNAL / KAPSO_BAD_RESPONSE with the metadata every such error carries."""
    assert error.code == grpc.StatusCode.INTERNAL, (error.code, error.message[:200])
    assert error.reason == "KAPSO_BAD_RESPONSE", (error.reason, error.message[:200])
    assert error.metadata.get("http_status") == "200", error.metadata
    assert error.metadata.get("kapso_method") == "GET", error.metadata
    assert error.metadata.get("kapso_path", "").endswith(path), error.metadata


def nested_route(upstream, message_id: str, depth: int) -> None:
    upstream.route("GET", rf"/whatsapp/messages/{re.escape(message_id)}",
                   answer(shapes.nested_message_body(message_id, depth)))


def test_40kb_nested_body_answers_fast_while_other_rpcs_succeed(server, upstream):
    nested_route(upstream, "wamid.NESTED", 20_000)
    outcome = {}

    def nested_call():
        outcome["nested"] = timed(lambda: call_error(get_message, server, "wamid.NESTED", 5))

    caller = threading.Thread(target=nested_call)
    caller.start()
    time.sleep(0.2)  # the nested answer is being handled
    other, other_seconds = timed(get_message, server, "wamid.OTHER", 3)
    caller.join(10)
    assert not isinstance(other, Exception), f"a concurrent normal RPC failed: {other}"
    assert other_seconds < 2
    error, seconds = outcome["nested"]
    assert seconds < 2, f"the nested body took {seconds:.1f}s"
    assert_bad_response(error, "/whatsapp/messages/wamid.NESTED")


@pytest.mark.parametrize("depth, ok", [(20, True), (80, False)])
def test_json_depth_limit_default_64(server, upstream, depth, ok):
    nested_route(upstream, "wamid.DEPTH", depth)
    if ok:
        assert get_message(server, "wamid.DEPTH").id == "wamid.DEPTH"
    else:
        error = call_error(get_message, server, "wamid.DEPTH")
        assert_bad_response(error, "/whatsapp/messages/wamid.DEPTH")


def huge_body_case(server, upstream, handler, timeout=6):
    """Runs GetMessage against a 200 MB answer; returns (error, seconds, peak growth kB)."""
    upstream.route("GET", r"/whatsapp/messages/wamid\.HUGE", handler)
    get_message(server, "wamid.WARM")  # warm-up: threads, pools, first allocations
    before = server.memory_kb()["VmHWM"]
    error, seconds = timed(call_error, get_message, server, "wamid.HUGE", timeout)
    growth = server.memory_kb()["VmHWM"] - before
    return error, seconds, growth


def assert_too_large(error, seconds, growth_kb, upstream):
    assert growth_kb < 64 * 1024, f"peak RSS grew by {growth_kb // 1024} MB"
    assert isinstance(error, KapsoOpsError), error
    assert error.code == grpc.StatusCode.INTERNAL, (error.code, error.message[:200])
    assert error.reason == "KAPSO_RESPONSE_TOO_LARGE"
    assert error.metadata.get("limit_bytes") == str(DEFAULT_BODY_LIMIT)
    assert len(error.message) < 2048
    assert seconds < 10
    time.sleep(0.2)  # the upstream notices the reader is gone
    assert upstream.bytes_sent() < 40 * MiB, "the transfer was not aborted at the limit"


def test_200mb_body_is_aborted_at_the_limit_without_rss_growth(server, upstream):
    handler = huge(200 * MiB, b'{"data": {"id": "wamid.HUGE", "type": "text", "text": {"body": "',
                   b'"}}}')
    assert_too_large(*huge_body_case(server, upstream, handler), upstream)
    assert still_serves(server)


def test_200mb_error_body_is_aborted_and_never_logged(server, upstream):
    handler = huge(200 * MiB, b'{"error": "', b'"}', status=404, chunked=True, fill=b"E")
    assert_too_large(*huge_body_case(server, upstream, handler), upstream)
    lines = [line for line in server.stderr_bytes().splitlines() if b"GetMessage" in line]
    assert lines and max(len(line) for line in lines) < 4096, "a huge access-log line"


HOSTILE_TEXT = ("\u001b[31mALERT\u001b[0m\nforged: line\r\u0007bell\u007f " + "E" * 20_000 + " TAIL")


def test_error_text_is_truncated_and_has_no_control_characters(server, upstream):
    upstream.route("GET", r"/whatsapp/messages/wamid\.ESC", answer({"error": HOSTILE_TEXT}, 404))
    error = call_error(get_message, server, "wamid.ESC")
    assert error.code == grpc.StatusCode.NOT_FOUND
    assert not controls(error.message), f"control characters: {controls(error.message)}"
    assert "ALERT" in error.message  # the text is kept, only cleaned
    assert "…(truncated)" in error.message and "TAIL" not in error.message
    assert len(error.message.encode()) <= 512 + 200
    [line] = [e for e in server.access_log() if e.get("code") == "NOT_FOUND"]
    assert not controls(line["error"]) and "…(truncated)" in line["error"]
    assert len(line["error"].encode()) <= 512 + 200


def test_error_text_with_invalid_utf8_is_valid_utf8_in_the_status(server, upstream):
    body = b'{"error": "bad \xff\xfe bytes \xc3 here"}'
    upstream.route("GET", r"/whatsapp/messages/wamid\.UTF", answer(body, 404))
    request = message_debug_pb2.GetMessageRequest(message_id="wamid.UTF").SerializeToString()
    result = raw_grpc.unary(server.addr, "/kapso.ops.v1.MessageDebug/GetMessage", request)
    assert result.grpc_status == 5  # NOT_FOUND
    raw = urllib.parse.unquote_to_bytes(
        result.trailers.get(b"grpc-message", result.headers.get(b"grpc-message", b"")))
    raw.decode("utf-8")  # raises on invalid UTF-8
    status = result.status_details
    status.message.encode("utf-8")


def run_cli(server, *args):
    return subprocess.run([str(CLI), "--server", server.addr, *args], capture_output=True,
                          timeout=20)


def test_cli_prints_no_escape_sequences_from_upstream(server, upstream):
    upstream.route("GET", r"/whatsapp/messages/wamid\.ESC",
                   answer({"error": HOSTILE_TEXT[:120]}, 404))
    for output in ("table", "json"):
        cli = run_cli(server, "--output", output, "messages", "get", "--message-id", "wamid.ESC")
        assert cli.returncode == 1
        printed = cli.stdout + cli.stderr
        assert b"ALERT" in printed, printed[:300]
        assert b"\x1b" not in printed and b"\x07" not in printed, printed[:300]
        assert b"\nforged" not in printed, "an upstream newline starts a forged line"


def test_cli_shows_the_upstream_error_of_a_20kb_error_text(server, upstream):
    """Untruncated, the text (twice: message and details) overflows the
    client's metadata limit and the caller sees RESOURCE_EXHAUSTED."""
    upstream.route("GET", r"/whatsapp/messages/wamid\.ESC", answer({"error": HOSTILE_TEXT}, 404))
    cli = run_cli(server, "--output", "json", "messages", "get", "--message-id", "wamid.ESC")
    assert cli.returncode == 1
    assert b"KAPSO_NOT_FOUND" in cli.stderr, cli.stderr[:300]


@pytest.mark.parametrize("body", [{"data": None}, {}, {"data": []}],
                         ids=["data-null", "no-data", "data-list"])
def test_single_resource_without_data_is_bad_response(server, upstream, body):
    upstream.route("GET", r"/whatsapp/messages/wamid\.NULL", answer(body))
    upstream.route("GET", r"/whatsapp/phone_numbers/\d+/webhooks/[^/]+", answer(body))
    error = call_error(get_message, server, "wamid.NULL")
    assert_bad_response(error, "/whatsapp/messages/wamid.NULL")
    with server.channel() as channel:
        error = call_error(Stubs(channel).webhooks.GetWebhook, webhooks_pb2.GetWebhookRequest(
            phone_number_id=shapes.PHONE_NUMBER_ID, webhook_id=shapes.WEBHOOK_ID), timeout=5)
    assert_bad_response(error, f"/webhooks/{shapes.WEBHOOK_ID}")


def test_bad_response_carries_http_method_path_and_request_id(server, upstream):
    upstream.route("GET", r"/whatsapp/messages/wamid\.BROKEN",
                   answer(b'{"data": {"id": "wamid.BROKEN", ', 200, {"X-Request-Id": "up-req-77"}))
    error = call_error(get_message, server, "wamid.BROKEN")
    assert error.code == grpc.StatusCode.INTERNAL and error.reason == "KAPSO_BAD_RESPONSE"
    assert error.metadata.get("http_status") == "200"
    assert error.metadata.get("kapso_method") == "GET"
    assert error.metadata.get("kapso_path", "").endswith("/whatsapp/messages/wamid.BROKEN")
    assert error.metadata.get("kapso_request_id") == "up-req-77"


OUT_OF_RANGE = {"year-10000": "253402300800", "before-year-1": "-62135596801",
                "int64-max": "9223372036854775807", "unparsable": "soon"}


@pytest.mark.parametrize("stamp", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_out_of_range_status_timestamp_leaves_the_event_without_time(server, upstream, stamp):
    # Meta's raw status time (unix seconds as a string) that no Timestamp can
    # hold: the message stays readable, the timeline step has no time, and
    # the raw value is kept as Kapso sent it.
    message = shapes.message("wamid.TIME", status_timestamp=stamp)
    upstream.route("GET", r"/whatsapp/messages/wamid\.TIME", answer(shapes.item(message)))
    got = get_message(server, "wamid.TIME")
    assert got.delivery_timeline, got
    assert all(not event.HasField("time") for event in got.delivery_timeline), got
    assert got.kapso.statuses[0].timestamp == stamp


CONVERSATION = "0a000000-0000-4000-8000-0000000000c7"  # ids are UUIDs (Kapso's spec)


@pytest.mark.parametrize("stamp", ["10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z"])
def test_out_of_range_conversation_time_is_bad_response(server, upstream, stamp):
    conversation = shapes.conversation(CONVERSATION, created_at=stamp)
    upstream.route("GET", r"/whatsapp/conversations/" + CONVERSATION, answer(shapes.item(conversation)))
    with server.channel() as channel:
        error = call_error(Stubs(channel).messages.GetConversation,
                           message_debug_pb2.GetConversationRequest(conversation_id=CONVERSATION),
                           timeout=5)
    assert_bad_response(error, "/whatsapp/conversations/" + CONVERSATION)


def test_cli_never_prints_ok_with_null_data(server, upstream):
    message = shapes.message("wamid.TIME", status_timestamp="253402300800")
    upstream.route("GET", r"/whatsapp/messages/wamid\.TIME", answer(shapes.item(message)))
    cli = run_cli(server, "--output", "json", "messages", "get", "--message-id", "wamid.TIME")
    printed = cli.stdout.decode(errors="replace")
    documents = [json.loads(line) for line in printed.splitlines() if line.strip().startswith("{")]
    assert documents, printed
    for parsed in documents:
        assert not (parsed.get("ok") and parsed.get("data") is None), printed
    # The out-of-range time is dropped by the server, so the message prints
    # (the CLI's own refusal to print null data is in cli/error_renderer_test).
    assert cli.returncode == 0, f"exit {cli.returncode} with stdout {printed[:200]!r}"
    assert documents[0]["data"]["id"] == "wamid.TIME"
