"""The mapping audit (mapping_audit.py) on the protos as they are: no proto
field kapso-ops parses a Kapso answer into is narrower than Kapso's spec."""
import mapping_audit

# The open twins that fixed the audit's findings (issue 9).
TWINS = {"kapso.ops.v1.Webhook.headers_json", "kapso.ops.v1.KapsoMessageInfo.statuses_json",
         "kapso.ops.v1.PhoneNumber.is_coexistence_json"}


def test_no_proto_field_is_narrower_than_the_spec():
    assert mapping_audit.audit() == []


def test_without_the_open_twins_the_audit_finds_what_broke_on_real_data():
    findings = mapping_audit.audit(without=TWINS)
    headers = [f for f in findings if ".headers:" in f and "map kapso.ops.v1.Webhook.headers" in f]
    statuses = [f for f in findings if "kapso.statuses[]" in f and "open object" in f]
    coexistence = [f for f in findings if "is_coexistence" in f and "nullable" in f]
    # Every webhook answer (list x2, get x2, create x2, update x2), both message answers.
    assert len(headers) == 8, findings
    assert len(statuses) == 2, findings
    assert len(coexistence) == 1, findings
    assert len(findings) == 11, findings


def test_every_read_is_a_2xx_json_answer_of_the_spec():
    spec = mapping_audit.yaml.safe_load(mapping_audit.SPEC.read_text())
    for method, path, _ in mapping_audit.READS:
        responses = spec["paths"][path][method]["responses"]
        assert any(str(c).startswith("2") for c in responses), (method, path)
