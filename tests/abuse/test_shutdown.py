"""SIGTERM ends the process within --shutdown_grace + 1 s, exit code 0,
whatever is running: answers dripping one byte at a time under long
deadlines, and a body whose parse would take minutes."""
import threading
import time

import kapso_shapes as shapes
from abuse_helpers import get_message, timed
from hostile_upstream import answer, drip

GRACE = 1.0


def start_calls(server, message_id, n, timeout=60):
    callers = [threading.Thread(target=timed, args=(get_message, server, message_id, timeout),
                                daemon=True) for _ in range(n)]
    for caller in callers:
        caller.start()
    return callers


def test_sigterm_exits_in_time_with_a_dripping_upstream(start_server, upstream):
    server = start_server(f"--shutdown_grace={GRACE:g}s")
    body = b'{"data": {"id": "wamid.DRIP", "type": "text"}}'
    upstream.route("GET", r"/whatsapp/messages/wamid\.DRIP\d", drip(body, interval=0.5))
    for i in range(3):  # distinct ids: three transfers, not one coalesced
        start_calls(server, f"wamid.DRIP{i}", 1)
    assert upstream.wait_for(3, "GET", r"/whatsapp/messages/wamid\.DRIP\d")
    time.sleep(0.3)
    code, seconds = server.terminate_and_wait(timeout=GRACE + 4)
    assert code == 0 and seconds <= GRACE + 1, f"exit {code} after {seconds:.2f}s"


def test_sigterm_exits_in_time_during_a_huge_parse(start_server, upstream):
    server = start_server(f"--shutdown_grace={GRACE:g}s")
    upstream.route("GET", r"/whatsapp/messages/wamid\.NESTED",
                   answer(shapes.nested_message_body("wamid.NESTED", 20_000)))
    start_calls(server, "wamid.NESTED", 1)
    assert upstream.wait_for(1, "GET", r"/whatsapp/messages/wamid\.NESTED")
    time.sleep(0.3)  # the body is in, its handling has begun
    code, seconds = server.terminate_and_wait(timeout=GRACE + 4)
    assert code == 0 and seconds <= GRACE + 1, f"exit {code} after {seconds:.2f}s"


def test_sigterm_when_idle_exits_promptly(start_server):
    server = start_server(f"--shutdown_grace={GRACE:g}s")
    code, seconds = server.terminate_and_wait(timeout=GRACE + 4)
    assert code == 0 and seconds <= GRACE + 1, f"exit {code} after {seconds:.2f}s"
