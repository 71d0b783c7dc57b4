"""Limits that keep one hostile answer from costing unbounded time, calls or
memory: Retry-After caps, non-advancing cursors, upstream calls per RPC, and
each coalesced caller's own deadline."""
import itertools
import subprocess
import threading
import time

import grpc
import pytest

import kapso_shapes as shapes
from abuse_helpers import Stubs, call_error, get_message, timed
from abuse_server import CLI
from hostile_upstream import answer, delayed, sequence
from kapso_ops.v1 import health_pb2
from google.rpc import error_details_pb2

RATE_LIMITED = r"/whatsapp/messages/wamid\.RL"
HOSTILE_RETRY_AFTER = {
    "999999s": "999999",
    "int64-max": "9223372036854775807",
    "overflow": "99999999999999999999999",
    "garbage": "garbage",
    "float": "1e9",
    "year-9999-date": "Fri, 31 Dec 9999 23:59:59 GMT",
}


def rate_limit_once(upstream, retry_after: str) -> None:
    def normal(request, conn):
        return answer(shapes.item(shapes.message("wamid.RL")))(request, conn)
    upstream.route("GET", RATE_LIMITED, sequence(
        answer({"error": "slow down"}, 429, {"Retry-After": retry_after}), normal))


@pytest.mark.parametrize("value", HOSTILE_RETRY_AFTER.values(), ids=HOSTILE_RETRY_AFTER.keys())
def test_retry_after_is_capped_by_max_retry_after_and_expires(start_server, upstream, value):
    server = start_server("--max_retry_after=2s")
    rate_limit_once(upstream, value)
    limited_at = time.monotonic()
    for _ in range(2):  # the 429 itself, then the local refusal it taught
        error = call_error(get_message, server, "wamid.RL", 1)
        assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED, (error.code, error.message)
        assert error.retry_delay is not None and error.retry_delay <= 2.05, error.retry_delay
    time.sleep(max(0.0, limited_at + 2.4 - time.monotonic()))
    assert get_message(server, "wamid.RL", 3).id == "wamid.RL"


def test_learned_rate_limit_window_is_capped_by_max_retry_after(start_server, upstream):
    """X-RateLimit-Remaining: 0 teaches a one-minute block; the cap shortens it."""
    server = start_server("--max_retry_after=2s")
    message = shapes.item(shapes.message("wamid.RL"))
    upstream.route("GET", RATE_LIMITED, sequence(
        answer(message, 200, {"X-RateLimit-Remaining": "0"}), answer(message)))
    assert get_message(server, "wamid.RL").id == "wamid.RL"
    spent_at = time.monotonic()
    error = call_error(get_message, server, "wamid.RL", 1)
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.retry_delay is not None and error.retry_delay <= 2.05, error.retry_delay
    time.sleep(max(0.0, spent_at + 2.4 - time.monotonic()))
    assert get_message(server, "wamid.RL", 3).id == "wamid.RL"
    assert upstream.count("GET", RATE_LIMITED) == 2


def test_retry_info_never_exceeds_the_default_cap_of_5_minutes(server, upstream):
    rate_limit_once(upstream, "999999")
    for _ in range(2):
        error = call_error(get_message, server, "wamid.RL", 1)
        assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert error.retry_delay is not None and error.retry_delay <= 300, error.retry_delay


def stuck_logs(upstream, next_cursor) -> None:
    def page(request, conn):
        return answer(shapes.cursor_page([], next_cursor()))(request, conn)
    upstream.route("GET", r"/(api_logs|webhook_deliveries)", page)


def overview(server, timeout=5):
    with server.channel() as channel:
        return timed(Stubs(channel).health.GetProjectOverview,
                     health_pb2.GetProjectOverviewRequest(), timeout=timeout)


def counts(response):
    return [response.api_calls_total, response.api_calls_failed,
            response.webhook_deliveries_total, response.webhook_deliveries_failed]


def error_reason(status) -> str:
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info.reason
    return ""


def test_overview_stops_on_a_cursor_that_does_not_advance(server, upstream):
    stuck_logs(upstream, lambda: "c-stuck")
    response, seconds = overview(server)
    assert not isinstance(response, Exception), f"overview failed: {response}"
    assert seconds < 3
    assert upstream.count("GET", r"/(api_logs|webhook_deliveries)") <= 64
    for count in counts(response):
        assert count.HasField("error"), count
        assert error_reason(count.error) == "KAPSO_BAD_RESPONSE"
        assert "cursor did not advance" in count.error.message


def test_overview_makes_at_most_64_upstream_calls(server, upstream):
    fresh = itertools.count()
    stuck_logs(upstream, lambda: f"c-{next(fresh)}")  # advances forever, pages stay empty
    response, seconds = overview(server)
    assert not isinstance(response, Exception), f"overview failed: {response}"
    assert seconds < 5
    assert upstream.count("GET") <= 64, f"{upstream.count('GET')} upstream calls for one RPC"
    for count in counts(response):
        assert not count.exact
        assert not count.HasField("error") or error_reason(count.error) == "UPSTREAM_CALL_LIMIT"


def test_cli_all_stops_on_a_repeated_page_token(server, upstream):
    upstream.route("GET", r"/whatsapp/messages",
                   answer(shapes.cursor_page([shapes.message("wamid.PAGE")], "c-stuck")))
    start = time.monotonic()
    try:
        cli = subprocess.run([str(CLI), "--server", server.addr, "--output", "json", "messages",
                              "list", "--all"], capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kapso-ops --all still paging after 10 s "
                    f"({upstream.count('GET', '/whatsapp/messages')} upstream pages)")
    assert cli.returncode == 1, (cli.returncode, cli.stderr[-300:])
    assert time.monotonic() - start < 5
    assert upstream.count("GET", r"/whatsapp/messages") <= 5


def test_coalesced_follower_keeps_its_own_deadline(server, upstream):
    def slow(request, conn):
        return delayed(1.0, answer(shapes.item(shapes.message("wamid.SLOW"))))(request, conn)
    upstream.route("GET", r"/whatsapp/messages/wamid\.SLOW", slow)
    results = {}

    def call(name, timeout):
        results[name] = timed(get_message, server, "wamid.SLOW", timeout)

    leader = threading.Thread(target=call, args=("leader", 0.3))
    follower = threading.Thread(target=call, args=("follower", 5))
    leader.start()
    time.sleep(0.05)
    follower.start()
    leader.join(10)
    follower.join(10)
    leader_result, _ = results["leader"]
    assert isinstance(leader_result, grpc.RpcError)
    assert leader_result.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    follower_result, seconds = results["follower"]
    assert not isinstance(follower_result, Exception), \
        f"the follower failed after {seconds:.2f}s: {follower_result}"
    assert follower_result.id == "wamid.SLOW"
