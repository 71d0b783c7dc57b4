#!/usr/bin/env python3
"""Writes Kapso's OpenAPI document as Prism must see it: as JSON, with every
path under the server's base path.

The spec's `servers` entry is https://api.kapso.ai/platform/v1, and kapso-ops
calls <base>/platform/v1/<path>; Prism mounts paths at the root and ignores the
servers' path, so the paths are prefixed here instead. Nothing else changes.

usage: mount_spec.py SPEC.yaml OUT.json
"""
import json
import sys
from urllib.parse import urlparse

import yaml


def mounted(spec):
    base = urlparse(spec["servers"][0]["url"]).path.rstrip("/")
    spec = dict(spec)
    spec["paths"] = {base + path: item for path, item in spec["paths"].items()}
    return spec


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(mounted(spec), f)


if __name__ == "__main__":
    main(*sys.argv[1:3])
