"""The server binary as operators run it: configuration, reflection, health,
graceful shutdown on SIGTERM."""
import threading

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from server_processes import SANDBOX_KEY, SERVER, add_fault, start_server
from kapso_ops.v1 import message_debug_pb2, message_debug_pb2_grpc


def test_reflection_lists_the_four_services_and_health(server):
    with grpc.insecure_channel(server.addr) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        response = next(stub.ServerReflectionInfo(iter([request]), timeout=5))
    names = {s.name for s in response.list_services_response.service}
    assert {"kapso.ops.v1.Webhooks", "kapso.ops.v1.MessageDebug", "kapso.ops.v1.Triage",
            "kapso.ops.v1.Health", "grpc.health.v1.Health"} <= names


def test_reflection_describes_a_method(server):
    with grpc.insecure_channel(server.addr) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(
            file_containing_symbol="kapso.ops.v1.Webhooks")
        response = next(stub.ServerReflectionInfo(iter([request]), timeout=5))
    assert response.file_descriptor_response.file_descriptor_proto


def test_health_is_serving(server):
    with grpc.insecure_channel(server.addr) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        response = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_sigterm_drains_calls_in_flight_then_exits_cleanly(server, sandbox):
    add_fault(sandbox.url, method="GET", path_prefix="/platform/v1/whatsapp/messages",
              delay_ms=700, times=1)
    result = {}

    def call():
        with grpc.insecure_channel(server.addr) as channel:
            stub = message_debug_pb2_grpc.MessageDebugStub(channel)
            result["message"] = stub.GetMessage(
                message_debug_pb2.GetMessageRequest(message_id="wamid.SANDBOX0001"), timeout=10)

    caller = threading.Thread(target=call)
    caller.start()
    threading.Event().wait(0.3)  # the call is waiting on the slow upstream
    code, out, _ = server.stop()
    caller.join()
    assert code == 0
    assert "draining" in out
    assert result["message"].id == "wamid.SANDBOX0001"


def test_missing_configuration_exits_2_without_echoing_secrets(sandbox):
    import subprocess
    proc = subprocess.run([str(SERVER), "--listen=127.0.0.1:0"], capture_output=True, text=True,
                          env={"KAPSO_API_BASE_URL": sandbox.url}, timeout=10)
    assert proc.returncode == 2
    assert "KAPSO_API_KEY" in proc.stderr


def test_key_from_a_mounted_file(sandbox, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(SANDBOX_KEY + "\n")
    server = start_server(sandbox.url, f"--kapso_api_key_file={key_file}", key=None)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = message_debug_pb2_grpc.MessageDebugStub(channel)
            message = stub.GetMessage(
                message_debug_pb2.GetMessageRequest(message_id="wamid.SANDBOX0001"), timeout=5)
        assert message.kapso.status
    finally:
        server.stop()


def test_access_log_is_json_with_request_id_and_no_secret(server):
    import json
    with grpc.insecure_channel(server.addr) as channel:
        stub = message_debug_pb2_grpc.MessageDebugStub(channel)
        stub.GetMessage(message_debug_pb2.GetMessageRequest(message_id="wamid.SANDBOX0001"),
                        metadata=[("x-request-id", "e2e-request-1")], timeout=5)
        with pytest.raises(grpc.RpcError):
            stub.GetMessage(message_debug_pb2.GetMessageRequest(message_id="wamid.NOPE"), timeout=5)
    _, _, err = server.stop()
    entries = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    ok = [e for e in entries if e.get("request_id") == "e2e-request-1"]
    assert ok and ok[0]["method"] == "/kapso.ops.v1.MessageDebug/GetMessage"
    assert ok[0]["code"] == "OK" and ok[0]["duration_ms"] >= 0
    assert any(e["code"] == "NOT_FOUND" and e.get("error") for e in entries)
    assert all(e["request_id"] for e in entries)  # generated when the caller sent none
    assert SANDBOX_KEY not in err
