"""Writes reach Kapso at most once, and every write whose fate is unknown says
KAPSO_OUTCOME_UNKNOWN: a kept-alive connection closed after the request was
read, shutdown with writes in flight, and 2xx answers that cannot be read."""
import threading

import grpc
import pytest

from abuse_helpers import Stubs, call_error, still_serves, timed
from hostile_upstream import answer, close_after_read, hold, truncated
from kapso_ops.v1 import webhooks_pb2
from webhook_calls import NUMBER_WEBHOOKS, ONE_WEBHOOK, PN, WH, WRITES, create, update



@pytest.mark.parametrize("call, method, path", WRITES.values(), ids=WRITES.keys())
def test_write_is_sent_once_when_a_reused_connection_closes_after_reading_it(
        server, upstream, call, method, path):
    upstream.route(method, path, close_after_read())
    with server.channel() as channel:
        stubs = Stubs(channel)
        # A read first, so that libcurl keeps an idle connection to reuse.
        stubs.webhooks.GetWebhook(webhooks_pb2.GetWebhookRequest(phone_number_id=PN,
                                                                 webhook_id=WH), timeout=5)
        error = call_error(call, stubs)
    writes = upstream.seen(method, path)
    assert len(writes) == 1, f"the write reached Kapso {len(writes)} times"
    assert error.reason == "KAPSO_OUTCOME_UNKNOWN", (error.code, error.reason, error.message)
    assert still_serves(server)


def test_writes_in_flight_at_sigterm_are_outcome_unknown(start_server, upstream):
    server = start_server("--shutdown_grace=1s")
    upstream.route("POST", NUMBER_WEBHOOKS, hold())
    results = [None] * 3

    def write(i):
        with server.channel() as channel:
            results[i] = timed(call_error, create, Stubs(channel), 20)

    callers = [threading.Thread(target=write, args=(i,)) for i in range(3)]
    for caller in callers:
        caller.start()
    assert upstream.wait_for(3, "POST", NUMBER_WEBHOOKS), "the writes never reached the upstream"
    code, seconds = server.terminate_and_wait(timeout=10)
    for caller in callers:
        caller.join(10)
    assert code == 0 and seconds <= 2.0, (code, seconds)
    for error, _ in results:
        assert getattr(error, "reason", None) == "KAPSO_OUTCOME_UNKNOWN", error


UNREADABLE_201 = {
    "wrong-types": b'{"data": {"id": "0c000000-0000-4000-8000-00000000beef", '
                   b'"url": "https://hooks.example.com/new", "active": "maybe"}}',
    "not-json": b'<html>created 0c000000-0000-4000-8000-00000000beef</html>',
}


@pytest.mark.parametrize("body", UNREADABLE_201.values(), ids=UNREADABLE_201.keys())
def test_create_answered_2xx_with_unreadable_body_is_outcome_unknown(server, upstream, body):
    upstream.route("POST", NUMBER_WEBHOOKS, answer(body, 201))
    with server.channel() as channel:
        error = call_error(create, Stubs(channel))
    assert error.code == grpc.StatusCode.INTERNAL
    assert error.reason == "KAPSO_OUTCOME_UNKNOWN", (error.reason, error.message)
    if body.startswith(b"{"):
        assert error.metadata.get("resource_id") == "0c000000-0000-4000-8000-00000000beef"
    assert upstream.count("POST") == 1


def test_create_answered_2xx_cut_short_is_outcome_unknown(server, upstream):
    body = b'{"data": {"id": "0c000000-0000-4000-8000-00000000beef", "url": "https://'
    upstream.route("POST", NUMBER_WEBHOOKS, truncated(201, body, announced=400))
    with server.channel() as channel:
        error = call_error(create, Stubs(channel))
    assert error.reason == "KAPSO_OUTCOME_UNKNOWN", (error.code, error.reason, error.message)
    assert upstream.count("POST") == 1


def test_update_answered_2xx_with_unreadable_body_is_outcome_unknown(server, upstream):
    upstream.route("PATCH", ONE_WEBHOOK,
                   answer(b'{"data": {"id": "%s", "active": "maybe"}}' % WH.encode()))
    with server.channel() as channel:
        error = call_error(update, Stubs(channel))
    assert error.code == grpc.StatusCode.INTERNAL
    assert error.reason == "KAPSO_OUTCOME_UNKNOWN", (error.reason, error.message)
    assert error.metadata.get("resource_id") == WH
