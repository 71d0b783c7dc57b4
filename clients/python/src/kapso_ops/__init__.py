"""Python client for the kapso-ops gRPC service (package kapso.ops.v1).

    import kapso_ops
    from kapso_ops.v1 import health_pb2

    with kapso_ops.connect("127.0.0.1:50051") as ops:
        overview = ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())

Generated messages and stubs live in ``kapso_ops.v1`` (``*_pb2`` / ``*_pb2_grpc``),
produced by ``scripts/gen-clients.sh``.
"""

from kapso_ops._client import Client, connect, load_service_config
from kapso_ops.errors import ERROR_DOMAIN, FieldViolation, KapsoOpsError

__all__ = [
    "Client",
    "connect",
    "load_service_config",
    "KapsoOpsError",
    "FieldViolation",
    "ERROR_DOMAIN",
]
__version__ = "0.1.0"
