"""Decodes kapso-ops errors: google.rpc.Status with ErrorInfo, RetryInfo, BadRequest."""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional, Union

import grpc
from google.rpc import error_details_pb2, status_pb2  # googleapis-common-protos ships no stubs

ERROR_DOMAIN = "ops.kapso.ai"
_DETAILS_KEY = "grpc-status-details-bin"
_CODES_BY_INT = {c.value[0]: c for c in grpc.StatusCode}


def status_code(code: Union[grpc.StatusCode, int]) -> grpc.StatusCode:
    """grpc.StatusCode of an int code (google.rpc.Status.code) or of a StatusCode."""
    if isinstance(code, grpc.StatusCode):
        return code
    return _CODES_BY_INT.get(int(code), grpc.StatusCode.UNKNOWN)


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class KapsoOpsError(Exception):
    """A failed kapso-ops call, with the details the server attached.

    The clients of kapso_ops.connect / kapso_ops.aio.connect raise it from every
    failed call, chained to grpc's RpcError (`__cause__`); connect(raw_errors=True)
    raises grpc's RpcError instead.

    code: grpc.StatusCode; message: the status message; reason / domain /
    metadata: from ErrorInfo (reason e.g. "KAPSO_NOT_FOUND"); retry_delay:
    seconds from RetryInfo or None; field_violations: from BadRequest.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        reason: str = "",
        domain: str = "",
        metadata: Optional[Dict[str, str]] = None,
        retry_delay: Optional[float] = None,
        field_violations: Optional[List[FieldViolation]] = None,
        status: Optional[status_pb2.Status] = None,
    ):
        super().__init__(f"{code.name}: {message}" + (f" [{reason}]" if reason else ""))
        self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata = dict(metadata or {})
        self.retry_delay = retry_delay
        self.field_violations = list(field_violations or [])
        self.status = status

    @property
    def http_status(self) -> Optional[int]:
        """Kapso's HTTP status when Kapso answered (ErrorInfo metadata http_status)."""
        v = self.metadata.get("http_status")
        return int(v) if v and v.isdigit() else None

    @classmethod
    def from_status(
        cls, code: Union[grpc.StatusCode, int, None], status: status_pb2.Status
    ) -> "KapsoOpsError":
        """Decodes a google.rpc.Status, e.g. `Count.error` of a response.

        code: a grpc.StatusCode, or the int code as found in responses
        (`from_status(st.code, st)`); None takes status.code.
        """
        code = status_code(status.code if code is None else code)
        reason, domain, metadata = "", "", {}
        retry_delay = None
        violations: List[FieldViolation] = []
        for any_detail in status.details:
            if any_detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                any_detail.Unpack(info)
                reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
            elif any_detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                retry = error_details_pb2.RetryInfo()
                any_detail.Unpack(retry)
                retry_delay = retry.retry_delay.ToTimedelta().total_seconds()
            elif any_detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                any_detail.Unpack(bad)
                violations.extend(FieldViolation(v.field, v.description) for v in bad.field_violations)
        return cls(
            code,
            status.message,
            reason=reason,
            domain=domain,
            metadata=metadata,
            retry_delay=retry_delay,
            field_violations=violations,
            status=status,
        )

    @classmethod
    def from_rpc_error(cls, err: BaseException) -> "KapsoOpsError":
        """Decodes a grpc.RpcError raised by a stub call (a grpc.Call or grpc.aio.AioRpcError)."""
        if isinstance(err, KapsoOpsError):
            return err
        code_fn = getattr(err, "code", None)
        code = status_code(code_fn()) if callable(code_fn) else grpc.StatusCode.UNKNOWN
        status = _status_from_trailers(err)
        if status is None:
            details_fn = getattr(err, "details", None)
            details = details_fn() if callable(details_fn) else str(err)
            return cls(code, details or "")
        return cls.from_status(code, status)


def _status_from_trailers(err: BaseException) -> Optional[status_pb2.Status]:
    """The google.rpc.Status in the call's trailers (sync and aio calls alike)."""
    trailers_fn = getattr(err, "trailing_metadata", None)
    trailers = trailers_fn() if callable(trailers_fn) else None
    for key, value in trailers or ():
        if key == _DETAILS_KEY and isinstance(value, bytes):
            return status_pb2.Status.FromString(value)
    return None
