"""ResolvePhoneNumber against a scripted upstream: numbers as people write
them, several pages, no match, two matches, and the per-key cache. (The
scripted upstream can serve what the sandbox's seed data cannot: two numbers
with the same display form.)"""
import grpc
import pytest

import kapso_shapes as shapes
from abuse_helpers import Stubs, call_error
from hostile_upstream import answer
from kapso_ops.v1 import health_pb2


def number(phone_number_id, display, name="support"):
    return {"id": phone_number_id, "phone_number_id": phone_number_id, "name": name,
            "display_phone_number": display, "status": "CONNECTED"}


def resolve(server, written, timeout=5):
    with server.channel() as channel:
        return Stubs(channel).health.ResolvePhoneNumber(
            health_pb2.ResolvePhoneNumberRequest(phone_number=written), timeout=timeout)


def resolve_error(server, written):
    with server.channel() as channel:
        return call_error(Stubs(channel).health.ResolvePhoneNumber,
                          health_pb2.ResolvePhoneNumberRequest(phone_number=written), timeout=5)


@pytest.mark.parametrize("written", ["+1 555-010-0002", "15550100002", "+15550100002",
                                     "(1) 555.010.0002", "0015550100002"])
def test_any_common_form_resolves_across_pages(server, upstream, written):
    first = [number(f"10000000000000{i:02d}", f"+44 7700 9000{i:02d}") for i in range(100)]
    upstream.route("GET", r"/whatsapp/phone_numbers", lambda request, conn: answer(
        shapes.page_list(first, page=1, total_pages=2) if "page=1&" in request.target + "&"
        else shapes.page_list([number("2000000000000002", "+1 555-010-0002")], 2, 2)
    )(request, conn))
    found = resolve(server, written)
    assert found.phone_number_id == "2000000000000002"


def test_unknown_number_is_not_found_naming_it(server, upstream):
    upstream.route("GET", r"/whatsapp/phone_numbers",
                   answer(shapes.page_list([number("1", "+1 555-010-0001")])))
    error = resolve_error(server, "+1 555 999 0000")
    assert error.code == grpc.StatusCode.NOT_FOUND
    assert error.reason == "PHONE_NUMBER_NOT_FOUND"
    assert error.metadata["phone_number"] == "15559990000"
    assert "+1 555 999 0000" in error.message


def test_two_matching_numbers_are_failed_precondition_listing_both(server, upstream):
    upstream.route("GET", r"/whatsapp/phone_numbers", answer(shapes.page_list(
        [number("111", "+1 555-010-0007", "sales"), number("222", "15550100007", "support")])))
    error = resolve_error(server, "+1 (555) 010-0007")
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.reason == "PHONE_NUMBER_AMBIGUOUS"
    assert "111" in error.message and "222" in error.message
    assert "111" in error.metadata["phone_number_ids"] and "222" in error.metadata["phone_number_ids"]


@pytest.mark.parametrize("written", ["", "call me", "+1 555", "1" * 16, "+1 555 010 0001 ext 2"])
def test_malformed_number_is_invalid_argument_without_upstream_call(server, upstream, written):
    error = resolve_error(server, written)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert upstream.count("GET", r"/whatsapp/phone_numbers") == 0


def test_the_list_is_kept_per_key_for_a_short_while(start_server, upstream):
    server = start_server("--allow_caller_api_keys")
    upstream.route("GET", r"/whatsapp/phone_numbers",
                   answer(shapes.page_list([number("1", "+1 555-010-0001")])))
    for _ in range(5):
        assert resolve(server, "+15550100001").phone_number_id == "1"
    assert upstream.count("GET", r"/whatsapp/phone_numbers") == 1
    with server.channel() as channel:  # another key reads its own list
        Stubs(channel).health.ResolvePhoneNumber(
            health_pb2.ResolvePhoneNumberRequest(phone_number="15550100001"), timeout=5,
            metadata=(("x-kapso-api-key", "another-project-key"),))
    assert upstream.count("GET", r"/whatsapp/phone_numbers") == 2
