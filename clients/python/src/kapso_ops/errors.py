"""Decodes kapso-ops errors: google.rpc.Status with ErrorInfo, RetryInfo, BadRequest."""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional

import grpc
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

ERROR_DOMAIN = "ops.kapso.ai"


@dataclasses.dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class KapsoOpsError(Exception):
    """A failed kapso-ops call, with the details the server attached.

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
    def from_status(cls, code: grpc.StatusCode, status: status_pb2.Status) -> "KapsoOpsError":
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
    def from_rpc_error(cls, err: grpc.RpcError) -> "KapsoOpsError":
        """Decodes a grpc.RpcError raised by a stub call (a grpc.Call)."""
        code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
        status = rpc_status.from_call(err) if hasattr(err, "trailing_metadata") else None
        if status is None:
            details = err.details() if hasattr(err, "details") else str(err)
            return cls(code, details or "")
        return cls.from_status(code, status)
