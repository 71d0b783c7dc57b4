"""A hostile Kapso upstream on 127.0.0.1 port 0, written on raw sockets.

It speaks just enough HTTP/1.1 (keep-alive, Content-Length, Expect:
100-continue) to answer libcurl, and answers each request with the behaviour
registered for its method and path: normal JSON, a close right after reading
the request, slow drips, huge streamed bodies (never held in memory), echoes
of the request headers, and so on. Every request is recorded so that tests
can count what reached "Kapso".
"""
import dataclasses
import json
import re
import socket
import threading
import time
from typing import Callable, Dict, List, Optional

API_PREFIX = "/platform/v1"
REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request",
           404: "Not Found", 422: "Unprocessable Entity", 429: "Too Many Requests",
           500: "Internal Server Error", 503: "Service Unavailable"}


@dataclasses.dataclass
class Request:
    method: str
    target: str            # path + query as sent
    path: str              # without /platform/v1 and without the query
    headers: Dict[str, str]  # lower-case names, latin-1 values
    raw_head: bytes
    body: bytes
    conn_id: int
    seq_on_conn: int       # 0 for the first request of a connection
    at: float

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())


class Connection:
    """One accepted socket; counts what was written to it."""

    def __init__(self, sock: socket.socket, conn_id: int, closing: threading.Event):
        self.sock = sock
        self.id = conn_id
        self.closing = closing
        self.sent = 0
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)
        self.sent += len(data)

    def read_more(self) -> bool:
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True


Handler = Callable[[Request, Connection], bool]  # returns: keep the connection open


def _head(status: int, headers: Dict[str, str], length: Optional[int]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# ---- behaviours -----------------------------------------------------------

def answer(body, status: int = 200, headers: Optional[Dict[str, str]] = None) -> Handler:
    """A complete answer; `body` is bytes, str, or a JSON value."""
    if isinstance(body, (dict, list)) or body is None:
        body = json.dumps(body)
    data = body.encode() if isinstance(body, str) else body
    extra = {"Content-Type": "application/json", **(headers or {})}

    def handle(request: Request, conn: Connection) -> bool:
        conn.send(_head(status, extra, len(data)) + data)
        return True
    return handle


def close_after_read() -> Handler:
    """Reads the whole request, then closes without a byte of answer."""
    def handle(request: Request, conn: Connection) -> bool:
        return False
    return handle


def hold() -> Handler:
    """Reads the request and never answers (until the upstream stops)."""
    def handle(request: Request, conn: Connection) -> bool:
        conn.closing.wait(120)
        return False
    return handle


def drip(body: bytes, interval: float, status: int = 200) -> Handler:
    """Announces the whole body, then sends it one byte per `interval`."""
    def handle(request: Request, conn: Connection) -> bool:
        conn.send(_head(status, {"Content-Type": "application/json"}, len(body)))
        for i in range(len(body)):
            if conn.closing.wait(interval):
                return False
            conn.send(body[i:i + 1])
        return True
    return handle


def delayed(seconds: float, then: Handler) -> Handler:
    def handle(request: Request, conn: Connection) -> bool:
        if conn.closing.wait(seconds):
            return False
        return then(request, conn)
    return handle


def huge(total: int, prefix: bytes, suffix: bytes, status: int = 200,
         chunked: bool = False, fill: bytes = b"A") -> Handler:
    """A `total`-byte body streamed in 1 MiB chunks (prefix + fill... + suffix);
    never built in memory. Stops when the reader goes away."""
    block = fill * (1 << 20)

    def handle(request: Request, conn: Connection) -> bool:
        headers = {"Content-Type": "application/json"}
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        conn.send(_head(status, headers, None if chunked else total))
        def emit(piece: bytes) -> None:
            conn.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        emit(prefix)
        remaining = total - len(prefix) - len(suffix)
        while remaining > 0 and not conn.closing.is_set():
            piece = block if remaining >= len(block) else block[:remaining]
            emit(piece)
            remaining -= len(piece)
        emit(suffix)
        if chunked:
            conn.send(b"0\r\n\r\n")
        return True
    return handle


def truncated(status: int, body: bytes, announced: int,
              headers: Optional[Dict[str, str]] = None) -> Handler:
    """Announces `announced` bytes, sends `body` (shorter), then closes."""
    def handle(request: Request, conn: Connection) -> bool:
        conn.send(_head(status, {"Content-Type": "application/json", **(headers or {})},
                        announced) + body)
        return False
    return handle


def echo_headers(status: int = 400, key_header: str = "x-api-key") -> Handler:
    """Echoes the request's headers into the error text, and the key it was
    sent into the X-Request-Id response header (a leaky upstream)."""
    def handle(request: Request, conn: Connection) -> bool:
        text = "; ".join(f"{k}: {v}" for k, v in request.headers.items())
        key = request.header(key_header) or ""
        return answer({"error": f"rejected {text}", "message": key}, status,
                      {"X-Request-Id": key})(request, conn)
    return handle


def sequence(*handlers: Handler) -> Handler:
    """The n-th matching request gets handlers[n]; the last one repeats."""
    lock = threading.Lock()
    calls = [0]

    def handle(request: Request, conn: Connection) -> bool:
        with lock:
            index = min(calls[0], len(handlers) - 1)
            calls[0] += 1
        return handlers[index](request, conn)
    return handle


def nested_arrays(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# ---- the server -----------------------------------------------------------

class HostileUpstream:
    def __init__(self):
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(256)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._routes: List[tuple] = []
        self._conns: List[Connection] = []
        self.requests: List[Request] = []
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)
        self._accepter.start()

    # -- configuration
    def route(self, method: Optional[str], path_regex: str, handler: Handler) -> None:
        """Later routes win. `path_regex` must match the whole path (after
        /platform/v1, without the query)."""
        with self._lock:
            self._routes.insert(0, (method, re.compile(path_regex), handler))

    # -- observation
    def seen(self, method: Optional[str] = None, path_regex: str = ".*") -> List[Request]:
        pattern = re.compile(path_regex)
        with self._lock:
            return [r for r in self.requests
                    if (method is None or r.method == method) and pattern.fullmatch(r.path)]

    def count(self, method: Optional[str] = None, path_regex: str = ".*") -> int:
        return len(self.seen(method, path_regex))

    def bytes_sent(self) -> int:
        with self._lock:
            return sum(c.sent for c in self._conns)

    def wait_for(self, n: int, method: Optional[str] = None, path_regex: str = ".*",
                 timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count(method, path_regex) >= n:
                return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        self.closing.set()
        try:
            self._listener.close()
        except OSError:
            pass
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # -- internals
    def _accept_loop(self) -> None:
        next_id = 0
        while not self.closing.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = Connection(sock, next_id, self.closing)
            next_id += 1
            with self._lock:
                self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: Connection) -> None:
        seq = 0
        try:
            while not self.closing.is_set():
                request = self._read_request(conn, seq)
                if request is None:
                    return
                seq += 1
                if not self._handler_for(request)(request, conn):
                    return
        except OSError:
            return
        finally:
            try:
                conn.sock.close()
            except OSError:
                pass

    def _handler_for(self, request: Request) -> Handler:
        with self._lock:
            self.requests.append(request)
            for method, pattern, handler in self._routes:
                if (method is None or method == request.method) and pattern.fullmatch(request.path):
                    return handler
        return answer({"error": f"no route for {request.method} {request.path}"}, 404)

    def _read_request(self, conn: Connection, seq: int) -> Optional[Request]:
        while b"\r\n\r\n" not in conn.buffer:
            if len(conn.buffer) > 1 << 20 or not conn.read_more():
                return None
        head, conn.buffer = conn.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers: Dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("expect", "").lower() == "100-continue":
            conn.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        length = int(headers.get("content-length", "0") or 0)
        while len(conn.buffer) < length:
            if not conn.read_more():
                return None
        body, conn.buffer = conn.buffer[:length], conn.buffer[length:]
        path = target.split("?", 1)[0]
        if path.startswith(API_PREFIX):
            path = path[len(API_PREFIX):]
        return Request(method, target, path, headers, head, body, conn.id, seq, time.monotonic())
