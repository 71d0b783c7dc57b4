"""Checks that need no server: the service config and error decoding."""

import asyncio
import json
import pathlib

import pytest

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

import kapso_ops
import kapso_ops.aio
from kapso_ops.v1 import health_pb2, message_debug_pb2, triage_pb2, webhooks_pb2

WRITES = {"CreateWebhook", "UpdateWebhook", "DeleteWebhook", "TestWebhook"}
# Live tails: no deadline (they run until stopped) and no retries (a caller
# reconnects with its resume token).
STREAMS = {"FollowMessageErrors", "FollowApiLogs", "FollowWebhookDeliveries"}
REPO_CONFIG = pathlib.Path(__file__).resolve().parents[2] / "service_config.json"


def _methods():
    for mod, name in (
        (webhooks_pb2, "Webhooks"),
        (message_debug_pb2, "MessageDebug"),
        (triage_pb2, "Triage"),
        (health_pb2, "Health"),
    ):
        svc = mod.DESCRIPTOR.services_by_name[name]
        for m in svc.methods:
            yield svc.full_name, m.name


def test_bundled_config_is_the_repo_config():
    assert kapso_ops.load_service_config() == json.loads(REPO_CONFIG.read_text())


def test_service_config_retries_reads_only_and_times_every_method():
    config = kapso_ops.load_service_config()
    by_method = {}
    for mc in config["methodConfig"]:
        for n in mc["name"]:
            if n.get("method"):
                by_method[(n["service"], n["method"])] = mc
    for service, method in _methods():
        mc = by_method.get((service, method))
        assert mc is not None, f"{service}/{method} has no methodConfig"
        if method in STREAMS:
            assert "timeout" not in mc and "retryPolicy" not in mc, method
            continue
        assert mc["timeout"].endswith("s")
        if method in WRITES:
            assert "retryPolicy" not in mc, f"{method} must never be retried"
        else:
            assert mc["retryPolicy"]["retryableStatusCodes"] == ["UNAVAILABLE"], method


class _FakeCall(grpc.RpcError, grpc.Call):
    def __init__(self, status):
        self._status = status

    def code(self):
        return grpc.StatusCode(next(c for c in grpc.StatusCode if c.value[0] == self._status.code))

    def details(self):
        return self._status.message

    def trailing_metadata(self):
        return (("grpc-status-details-bin", self._status.SerializeToString()),)

    def initial_metadata(self):
        return ()

    def is_active(self):
        return False

    def time_remaining(self):
        return None

    def cancel(self):
        return False

    def add_callback(self, callback):
        return False


def _pack(msg):
    a = any_pb2.Any()
    a.Pack(msg)
    return a


def test_decodes_error_info_retry_info_bad_request():
    status = status_pb2.Status(
        code=code_pb2.RESOURCE_EXHAUSTED,
        message="rate limited by Kapso",
        details=[
            _pack(
                error_details_pb2.ErrorInfo(
                    reason="KAPSO_RATE_LIMITED",
                    domain="ops.kapso.ai",
                    metadata={"http_status": "429", "kapso_method": "GET"},
                )
            ),
            _pack(error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=2, nanos=500_000_000))),
            _pack(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(field="page_size", description="1-100")
                    ]
                )
            ),
        ],
    )
    err = kapso_ops.KapsoOpsError.from_rpc_error(_FakeCall(status))
    assert err.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert err.reason == "KAPSO_RATE_LIMITED"
    assert err.domain == kapso_ops.ERROR_DOMAIN
    assert err.http_status == 429
    assert err.metadata["kapso_method"] == "GET"
    assert err.retry_delay == 2.5
    assert err.field_violations == [kapso_ops.FieldViolation("page_size", "1-100")]
    assert "KAPSO_RATE_LIMITED" in str(err)


def test_from_status_takes_the_int_code_found_in_responses():
    status = status_pb2.Status(
        code=code_pb2.NOT_FOUND,
        message="no such number",
        details=[_pack(error_details_pb2.ErrorInfo(reason="KAPSO_NOT_FOUND", domain="ops.kapso.ai"))],
    )
    err = kapso_ops.KapsoOpsError.from_status(status.code, status)
    assert err.code == grpc.StatusCode.NOT_FOUND
    assert err.reason == "KAPSO_NOT_FOUND"
    assert kapso_ops.KapsoOpsError.from_status(None, status).code == grpc.StatusCode.NOT_FOUND
    assert kapso_ops.status_code(999) == grpc.StatusCode.UNKNOWN


def test_connect_without_server_raises_kapso_ops_error():
    with kapso_ops.connect("127.0.0.1:1", timeout=2) as ops:
        with pytest.raises(kapso_ops.KapsoOpsError) as info:
            ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
    assert info.value.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    assert info.value.reason == ""
    assert isinstance(info.value.__cause__, grpc.RpcError)


def test_raw_errors_opt_out_raises_grpc_rpc_error():
    with kapso_ops.connect("127.0.0.1:1", timeout=2, raw_errors=True) as ops:
        with pytest.raises(grpc.RpcError) as info:
            ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
    assert not isinstance(info.value, kapso_ops.KapsoOpsError)


def test_aio_connect_without_server_raises_kapso_ops_error():
    async def call():
        async with kapso_ops.aio.connect("127.0.0.1:1", timeout=2) as ops:
            await ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())

    with pytest.raises(kapso_ops.KapsoOpsError) as info:
        asyncio.run(call())
    assert info.value.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


def test_pages_follows_next_page_token_to_the_end():
    seen = []

    def list_api_logs(req):
        seen.append(req.page_token)
        nxt = {"": "p2", "p2": "p3", "p3": ""}[req.page_token]
        return triage_pb2.ListApiLogsResponse(next_page_token=nxt)

    request = triage_pb2.ListApiLogsRequest(page_size=2)
    pages = list(kapso_ops.pages(list_api_logs, request))
    assert seen == ["", "p2", "p3"]
    assert [p.next_page_token for p in pages] == ["p2", "p3", ""]
    assert request.page_token == ""  # the caller's request is not changed
