"""Reflection as grpcurl (pinned in scripts/setup.d/30-clients.sh) sees it: v1 served next
to v1alpha, and grpc.health.v1.Health describable and callable through it."""
import json
import pathlib
import subprocess

GRPCURL = pathlib.Path(__file__).resolve().parents[2] / ".cache" / "gobin" / "grpcurl"


def grpcurl(addr, *args, data=None):
    cmd = [str(GRPCURL), "-plaintext"] + (["-d", "@"] if data is not None else []) + [addr, *args]
    out = subprocess.run(cmd, input=data, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_list_names_every_service_and_both_reflection_versions(server):
    names = set(grpcurl(server.addr, "list").split())
    assert {
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
        "kapso.ops.v1.Webhooks",
        "kapso.ops.v1.Health",
    } <= names


def test_health_is_described_and_called_through_reflection(server):
    described = grpcurl(server.addr, "describe", "grpc.health.v1.Health")
    assert "rpc Check ( .grpc.health.v1.HealthCheckRequest )" in described
    assert json.loads(grpcurl(server.addr, "grpc.health.v1.Health/Check", data="{}"))["status"] == "SERVING"


def test_v1_reflection_answers_by_itself(server):
    # Called as an ordinary method, so no fallback to v1alpha can hide a missing v1.
    reply = grpcurl(
        server.addr,
        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        data='{"list_services": ""} {"file_containing_symbol": "grpc.health.v1.Health"} '
        '{"file_containing_symbol": "no.such.Symbol"}',
    )
    answers = [json.loads(a) for a in reply.replace("}\n{", "}\x00{").split("\x00")]
    services = {s["name"] for s in answers[0]["list_services_response"]["service"]}
    assert "grpc.reflection.v1.ServerReflection" in services
    assert answers[1]["file_descriptor_response"]["file_descriptor_proto"]
    assert answers[2]["error_response"]["error_code"] == 5  # NOT_FOUND
