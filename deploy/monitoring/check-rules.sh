#!/usr/bin/env bash
# check-rules.sh: the PrometheusRule's alerts, checked and unit-tested by
# promtool (Debian package `prometheus`).
#   1. `promtool check rules`: every expression parses, every rule is well formed;
#   2. `promtool test rules rules-test.yaml`: each alert fires on the series it
#      is about, with the labels and text expected, and stays quiet on healthy ones;
#   3. every query of grafana-dashboard.json parses (checked by promtool as a
#      recording rule, Grafana's $variables replaced by values);
#   4. every kapso_ops_* metric the alerts and the dashboard name is one the
#      server exports (service/server_metrics.cc), so a rename breaks this.
# promtool reads plain rule files, so the PrometheusRule's spec (its `groups`)
# is extracted first, with the repository's Python (.venv: PyYAML).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RULE="$ROOT/deploy/k8s/prometheusrule.yaml"
command -v promtool >/dev/null || { echo "check-rules: needs promtool (apt-get install prometheus)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$ROOT/.venv/bin/python" - "$RULE" "$HERE/grafana-dashboard.json" \
  "$ROOT/service/server_metrics.cc" "$WORK" <<'PY'
import json, re, sys, yaml
rule_file, dashboard_file, metrics_source, work = sys.argv[1:]
doc = yaml.safe_load(open(rule_file))
assert doc["kind"] == "PrometheusRule", doc["kind"]
yaml.safe_dump(doc["spec"], open(f"{work}/kapso-ops.rules.yaml", "w"), sort_keys=False)

def queries(panels):
    for panel in panels:
        yield from queries(panel.get("panels", []))
        for target in panel.get("targets", []):
            yield panel["title"], target["expr"]
dashboard = json.load(open(dashboard_file))
found = list(queries(dashboard["panels"]))
assert found, "the dashboard has no queries"
grafana = {"$__rate_interval": "5m", "$namespace": ".*"}
rules = []
for i, (title, expr) in enumerate(found):
    for var, value in grafana.items():
        expr = expr.replace(var, value)
    assert "$" not in expr, f"{title}: unknown variable in {expr}"
    rules.append({"record": f"dashboard:query_{i}", "expr": expr})
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]},
               open(f"{work}/dashboard.rules.yaml", "w"), sort_keys=False)

exported = set(re.findall(r'"(kapso_ops_[a-z_]+)"', open(metrics_source).read()))
texts = [expr for _, expr in found] + [r["expr"] for g in doc["spec"]["groups"] for r in g["rules"]]
used = {re.sub(r"_(bucket|sum|count)$", "", m) for t in texts for m in re.findall(r"kapso_ops_[a-z_]+", t)}
unknown = sorted(used - exported)
assert not unknown, f"not exported by the server: {unknown}"
print(f"check-rules: {len(found)} dashboard queries, {len(used)} metrics, all exported by the server")
PY
cp "$HERE/rules-test.yaml" "$WORK/"
cd "$WORK"
promtool check rules kapso-ops.rules.yaml dashboard.rules.yaml
promtool test rules rules-test.yaml
