"""Must FAIL `mypy --strict`: proves the stubs are typed (an Any result would pass)."""

import kapso_ops
from kapso_ops.v1 import health_pb2

with kapso_ops.connect("127.0.0.1:1") as ops:
    wrong: int = ops.health.GetProjectOverview(health_pb2.GetProjectOverviewRequest())
