"""Python client for the kapso-ops gRPC service (package kapso.ops.v1).

    import kapso_ops
    from kapso_ops.v1 import health_pb2

    with kapso_ops.connect("127.0.0.1:50051") as ops:
        overview = ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())

Failed calls raise kapso_ops.KapsoOpsError (a grpc.RpcError); kapso_ops.pages()
walks a List* call to its last page; kapso_ops.aio is the asyncio client.

Generated messages and stubs live in ``kapso_ops.v1`` (``*_pb2`` / ``*_pb2_grpc``),
produced by ``scripts/gen-clients.sh``.
"""

from kapso_ops._client import Client, connect, load_service_config
from kapso_ops._paging import pages
from kapso_ops.errors import ERROR_DOMAIN, FieldViolation, KapsoOpsError, status_code

__all__ = [
    "Client",
    "connect",
    "pages",
    "status_code",
    "load_service_config",
    "KapsoOpsError",
    "FieldViolation",
    "ERROR_DOMAIN",
]
__version__ = "0.1.0"
