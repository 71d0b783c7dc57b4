"""A raw HTTP/2 gRPC client (h2) for what grpcio refuses to send: metadata
values with TAB/CR/LF/NUL/0xFF bytes, and hand-made protobuf bytes.

One unary call per stream: HEADERS (with the given metadata, unvalidated),
one length-prefixed DATA frame, then the response headers, body and
trailers are read back.
"""
import base64
import dataclasses
import socket
import struct
import time
from typing import Dict, List, Optional, Tuple
from urllib.parse import unquote

import h2.config
import h2.connection
import h2.events
from google.rpc import error_details_pb2, status_pb2


@dataclasses.dataclass
class RawResult:
    headers: Dict[bytes, bytes]
    trailers: Dict[bytes, bytes]
    body: bytes
    reset: Optional[int] = None       # RST_STREAM error code, if the stream was reset
    terminated: bool = False          # GOAWAY / connection closed before the end

    def _meta(self, name: bytes) -> Optional[bytes]:
        # A trailers-only answer puts grpc-status in the headers.
        return self.trailers.get(name, self.headers.get(name))

    @property
    def grpc_status(self) -> Optional[int]:
        value = self._meta(b"grpc-status")
        return None if value is None else int(value)

    @property
    def grpc_message(self) -> str:
        return unquote((self._meta(b"grpc-message") or b"").decode("latin-1"))

    @property
    def status_details(self) -> Optional[status_pb2.Status]:
        value = self._meta(b"grpc-status-details-bin")
        if value is None:
            return None
        padded = value + b"=" * (-len(value) % 4)
        return status_pb2.Status.FromString(base64.b64decode(padded))

    def error_info(self) -> Optional[error_details_pb2.ErrorInfo]:
        details = self.status_details
        for detail in (details.details if details else []):
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                return info
        return None

    def messages(self) -> List[bytes]:
        out, data = [], self.body
        while len(data) >= 5:
            _, size = struct.unpack(">BI", data[:5])
            out.append(data[5:5 + size])
            data = data[5 + size:]
        return out


def unary(addr: str, path: str, request: bytes,
          metadata: List[Tuple[bytes, bytes]] = (), timeout: float = 10.0) -> RawResult:
    """Calls `path` (e.g. "/kapso.ops.v1.MessageDebug/GetMessage") with the
    serialized `request` and raw `metadata` on a fresh connection."""
    host, port = addr.rsplit(":", 1)
    config = h2.config.H2Configuration(
        client_side=True, header_encoding=None, validate_outbound_headers=False,
        normalize_outbound_headers=False, validate_inbound_headers=False)
    conn = h2.connection.H2Connection(config=config)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        conn.initiate_connection()
        sock.sendall(conn.data_to_send())
        return _call(sock, conn, addr, path, request, metadata, timeout)


def _call(sock, conn, addr, path, request, metadata, timeout) -> RawResult:
    try:
        stream = conn.get_next_available_stream_id()
        headers = [(b":method", b"POST"), (b":scheme", b"http"), (b":path", path.encode()),
                   (b":authority", addr.encode()), (b"content-type", b"application/grpc"),
                   (b"te", b"trailers"), (b"grpc-timeout", b"%dm" % int(timeout * 1000)),
                   *metadata]
        conn.send_headers(stream, headers)
        conn.send_data(stream, struct.pack(">BI", 0, len(request)) + request, end_stream=True)
        sock.sendall(conn.data_to_send())
    except OSError:
        return RawResult({}, {}, b"", terminated=True)
    return _read_response(sock, conn, stream, time.monotonic() + timeout)


def _read_response(sock, conn, stream: int, deadline: float) -> RawResult:
    result = RawResult({}, {}, b"")
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = sock.recv(65536)
        except socket.timeout:
            break
        except OSError:  # reset: the server died or dropped us
            data = b""
        if not data:
            result.terminated = True
            return result
        for event in conn.receive_data(data):
            if _apply(event, result, conn, stream):
                return result
        pending = conn.data_to_send()
        if pending:
            sock.sendall(pending)
    raise TimeoutError("no complete gRPC answer in time")


def _apply(event, result: RawResult, conn, stream: int) -> bool:
    """Folds one h2 event into `result`; True when the call is over."""
    if isinstance(event, h2.events.ResponseReceived):
        result.headers = dict(event.headers)
    elif isinstance(event, h2.events.TrailersReceived):
        result.trailers = dict(event.headers)
    elif isinstance(event, h2.events.DataReceived):
        result.body += event.data
        conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
    elif isinstance(event, h2.events.StreamReset):
        result.reset = event.error_code
        return True
    elif isinstance(event, h2.events.ConnectionTerminated):
        result.terminated = True
        return True
    elif isinstance(event, h2.events.StreamEnded):
        return event.stream_id == stream
    return False


# ---- hand-made protobuf -----------------------------------------------------

def _varint(value: int) -> bytes:
    out = b""
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def string_field(number: int, raw: bytes) -> bytes:
    """A length-delimited field holding `raw` as is (may be invalid UTF-8)."""
    return _varint(number << 3 | 2) + _varint(len(raw)) + raw
