"""`kapso-ops triage` (Triage.RunTriage) against the sandbox stack: JSON and
table output, --phone-number, a failing source, errors that appear later."""
import datetime

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
NUMBER_2, NUMBER_3 = "1000000000000002", "1000000000000003"
SEVERITY_ORDER = ["FINDING_SEVERITY_CRITICAL", "FINDING_SEVERITY_HIGH", "FINDING_SEVERITY_MEDIUM",
                  "FINDING_SEVERITY_LOW", "FINDING_SEVERITY_INFO"]


def by_code(report, code):
    return [f for f in report.get("findings", []) if f["code"] == code]


def test_triage_json_covers_every_category_ranked(run):
    r = run("triage")
    assert r.code == EXIT_OK, r
    report = r.data
    categories = {f["category"] for f in report["findings"]}
    assert categories == {"FINDING_CATEGORY_NUMBER", "FINDING_CATEGORY_MESSAGES",
                          "FINDING_CATEGORY_WEBHOOKS", "FINDING_CATEGORY_API"}, categories
    first = report["findings"][0]
    assert first["severity"] == "FINDING_SEVERITY_CRITICAL"
    assert first["entity"]["id"] == NUMBER_3
    ranks = [SEVERITY_ORDER.index(f["severity"]) for f in report["findings"]]
    assert ranks == sorted(ranks)
    window = by_code(report, "meta_error:131047")[0]
    assert int(window["evidence"]["count"]) == 2
    assert all(i.startswith("wamid.") for i in window["evidence"]["ids"])
    assert "template" in window["remediation"]
    assert [s["name"] for s in report["sources"]] == ["numbers", "messages", "webhooks", "api"]
    assert not any("error" in s for s in report["sources"])


def test_triage_table_is_readable_at_a_glance(run):
    r = run("triage", "--period", "24h", "--output", "table")
    assert r.code == EXIT_OK, r
    lines = r.out.splitlines()
    assert lines[0].startswith("Triage of the project, last 24h: ")
    header = next(line for line in lines if line.startswith("#"))
    assert header.split() == ["#", "SEVERITY", "WHAT", "FINDING", "ENTITY", "COUNT", "SINCE"]
    assert lines[lines.index(header) + 1].split()[:3] == ["1", "CRITICAL", "number"]
    assert "What to do:" in r.out and "Sources read: numbers 3" in r.out
    assert max(len(line) for line in lines if not line.startswith("  ")) < 170


def test_triage_by_phone_number_as_written(run):
    r = run("triage", "--phone-number", "+1 555 010 0002")
    assert r.code == EXIT_OK, r
    assert r.data["phone_number_id"] == NUMBER_2
    numbers = [f for f in r.data["findings"] if f["category"] == "FINDING_CATEGORY_NUMBER"]
    assert [f["entity"]["id"] for f in numbers] == [NUMBER_2]
    same = run("triage", "--phone-number-id", NUMBER_2)
    assert [f["code"] for f in same.data["findings"]] == [f["code"] for f in r.data["findings"]]


def test_triage_usage_and_unknown_number(run):
    both = run("triage", "--phone-number", "+1 555 010 0002", "--phone-number-id", NUMBER_2)
    assert both.code == EXIT_USAGE, both
    unknown = run("triage", "--phone-number", "+44 7700 900123")
    assert unknown.code == EXIT_FAILURE and unknown.error["code"] == "NOT_FOUND", unknown


def test_triage_failing_source_is_a_finding(run, sandbox):
    sandbox.fault(method="GET", path_prefix="/platform/v1/whatsapp/messages", status=503,
                  times=-1)
    r = run("triage", "--output", "table")
    assert r.code == EXIT_OK, r
    assert "could not read messages" in r.out and "messages FAILED" in r.out
    data = run("triage").data
    assert by_code(data, "source:messages")[0]["category"] == "FINDING_CATEGORY_SOURCE_ERROR"
    assert by_code(data, "api:401") and not by_code(data, "meta_error:131047")


def test_triage_sees_errors_that_appear_later(run, sandbox):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for n in range(3):
        sandbox.add_record("webhook_deliveries", {
            "id": f"d9000000-0000-4000-8000-00000000000{n}", "event": "whatsapp.message.received",
            "status": "failed", "response_status": 401, "attempt_count": 4, "created_at": now,
            "failed_at": now, "last_attempt_at": now,
            "webhook_id": "0a000000-0000-4000-8000-000000000004",
            "webhook_url": "https://sales.acme.example/kapso", "phone_number_id": NUMBER_2})
    found = by_code(run("triage").data, "webhook:http_401")
    assert len(found) == 1 and int(found[0]["evidence"]["count"]) == 3, found
    assert found[0]["evidence"]["facts"]["webhook_active"] == "true"
    assert "signature" in found[0]["remediation"]
