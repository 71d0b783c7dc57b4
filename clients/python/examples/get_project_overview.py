"""Calls Health.GetProjectOverview and prints it.

    KAPSO_OPS_ADDR=127.0.0.1:50051 .venv/bin/python clients/python/examples/get_project_overview.py
"""

import os
import sys

from google.protobuf import json_format

import kapso_ops
from kapso_ops.v1 import common_pb2, health_pb2


def main() -> int:
    target = os.environ.get("KAPSO_OPS_ADDR", "127.0.0.1:50051")
    with kapso_ops.connect(target) as ops:
        try:
            overview = ops.health.GetProjectOverview(
                health_pb2.GetProjectOverviewRequest(period=common_pb2.PERIOD_24H)
            )
        except kapso_ops.KapsoOpsError as err:
            print(f"GetProjectOverview failed: {err} metadata={err.metadata}", file=sys.stderr)
            return 1
    print(json_format.MessageToJson(overview, preserving_proto_field_name=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
