"""Metric labels come only from closed sets: caller-chosen message ids and
method names must not create series."""
import re

import grpc

from abuse_helpers import Stubs, get_message
from kapso_ops.v1 import message_debug_pb2

SERIES = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? ", re.M)
ENDPOINT_LABEL = re.compile(r'endpoint="([^"]*)"')
METHOD_LABEL = re.compile(r'(?<![a-z_])method="([^"]*)"')
TEMPLATE = re.compile(r"(/([a-z_]+|\{[a-z_]+\}))+|other")
KNOWN_METHOD = re.compile(r"/(kapso\.ops\.v1\.[A-Za-z]+|grpc\.[a-z.]+\.[A-Za-z]+)/[A-Za-z]+|other")


def letter_id(i: int) -> str:
    """A message id without digits (a digit makes today's heuristic say {id})."""
    return "wamid.CARD" + "".join(chr(65 + (i // 26 ** k) % 26) for k in range(3))


def series(scrape: str) -> int:
    return len(SERIES.findall(scrape))


def test_2000_distinct_message_ids_do_not_grow_series(server, upstream):
    """The upstream answers every id (the default route), as Kapso would."""
    with server.channel() as channel:
        stub = Stubs(channel).messages
        stub.GetMessage(message_debug_pb2.GetMessageRequest(message_id=letter_id(0)), timeout=5)
        baseline = server.scrape()
        for batch in range(20):
            futures = [stub.GetMessage.future(message_debug_pb2.GetMessageRequest(
                message_id=letter_id(batch * 100 + i + 1)), timeout=10) for i in range(100)]
            for future in futures:
                assert future.result().id.startswith("wamid.CARD")
    assert upstream.count("GET", r"/whatsapp/messages/wamid\.CARD[A-Z]+") >= 2000
    scrape = server.scrape()
    added = series(scrape) - series(baseline)
    assert added <= 20, f"{added} series added, scrape {len(scrape) // 1024} KB"
    assert len(scrape) < 256 * 1024, f"a {len(scrape) // 1024} KB scrape"
    assert "CARD" not in scrape, "a caller-chosen id is a label value"
    bad = {e for e in ENDPOINT_LABEL.findall(scrape) if not TEMPLATE.fullmatch(e)}
    assert not bad, f"endpoint labels outside the templates: {sorted(bad)[:5]}"


def test_unknown_method_names_do_not_grow_series(server):
    with server.channel() as channel:
        get_message(server, "wamid.BASELINE")
        baseline = server.scrape()
        for i in range(200):
            call = channel.unary_unary(f"/kapso.ops.v1.Nope{i}/Method{i}",
                                       request_serializer=None, response_deserializer=None)
            try:
                call(b"", timeout=5)
            except grpc.RpcError as error:
                assert error.code() == grpc.StatusCode.UNIMPLEMENTED
    scrape = server.scrape()
    added = series(scrape) - series(baseline)
    assert added <= 30, f"{added} series added by 200 unknown methods"
    assert "Nope" not in scrape, "an unknown method name is a label value"
    bad = {m for m in METHOD_LABEL.findall(scrape) if not KNOWN_METHOD.fullmatch(m)}
    assert not bad, f"method labels outside the known set: {sorted(bad)[:5]}"
