"""End-to-end tests of bazel-bin/cli/kapso-ops against the server and sandbox.

Ids come from the sandbox seed data in docs/contracts.md.
"""
import hashlib
import hmac
import subprocess
import time

import pytest

NUMBER_1 = "1000000000000001"
NUMBER_3 = "1000000000000003"
WEBHOOK_1 = "0a000000-0000-4000-8000-000000000001"
MISSING_WEBHOOK = "0f000000-0000-4000-8000-00000000dead"
CONVERSATION_1 = "c0000000-0000-4000-8000-000000000001"

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3

COMMANDS = [
    ["webhooks", "list"], ["webhooks", "get"], ["webhooks", "create"],
    ["webhooks", "update"], ["webhooks", "delete"], ["webhooks", "test"],
    ["messages", "list"], ["messages", "get"], ["conversations", "lookup"],
    ["errors"], ["api-logs"], ["webhook-deliveries"], ["overview"], ["health"],
    ["verify-signature"], ["completion", "bash"],
]


def error_info(result):
    info = result.detail("google.rpc.ErrorInfo")
    assert info is not None, result
    return info


# ---------------------------------------------------------------- usage errors

@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_on_every_command(run, command):
    r = run(*command, "--help", server=False)
    assert r.code == EXIT_OK, r
    assert r.out.startswith("Usage: kapso-ops " + " ".join(command)), r


@pytest.mark.parametrize("args,flag", [
    (["webhooks", "list", "--phone-number-id", NUMBER_1, "--page", "2"], "--page"),
    (["overview", "--verbose"], "--verbose"),
    (["health"], "--phone-number-id"),
    (["messages", "get"], "--message-id"),
    (["webhooks", "create", "--phone-number-id", NUMBER_1, "--events", "a"], "--url"),
    (["webhooks", "list", "--phone-number-id", NUMBER_1, "--scope", "global"], "--scope"),
    (["messages", "list", "--status", "lost"], "--status"),
    (["overview", "--period", "1y"], "--period"),
    (["api-logs", "--status-code", "abc"], "--status-code"),
    (["webhooks", "list", "--phone-number-id", NUMBER_1, "--per-page", "500"], "--per-page"),
    (["webhooks", "create", "--phone-number-id", NUMBER_1, "--url", "https://e.example",
      "--events", "a", "--headers", "[\"x\"]"], "--headers"),
    (["webhooks", "create", "--phone-number-id", NUMBER_1, "--url", "https://e.example",
      "--events", "[1,2]"], "--events"),
    (["messages", "list", "--has-media", "yes"], "--has-media"),
    (["--output", "yaml", "overview"], "--output"),
    (["overview", "--timeout", "fast"], "--timeout"),
])
def test_usage_errors_name_the_flag_and_make_no_rpc(run, sandbox, args, flag):
    r = run(*args)
    assert r.code == EXIT_USAGE, r
    assert r.out == ""
    assert r.error["code"] == "INVALID_ARGUMENT"
    assert flag in r.error["message"], r
    violation = r.detail("google.rpc.BadRequest")["field_violations"][0]
    assert violation["field"] == flag
    assert sandbox.total_requests() == 0


def test_unknown_command(run):
    r = run("webhook", "list")
    assert r.code == EXIT_USAGE and "unknown command" in r.error["message"], r


def test_conversation_lookup_needs_exactly_one_key(run):
    assert run("conversations", "lookup").code == EXIT_USAGE
    r = run("conversations", "lookup", "--phone-number", "+15550100101",
            "--conversation-id", CONVERSATION_1)
    assert r.code == EXIT_USAGE and "exactly one" in r.error["message"], r


def test_update_without_fields_is_a_usage_error(run):
    r = run("webhooks", "update", "--phone-number-id", NUMBER_1, "--webhook-id", WEBHOOK_1)
    assert r.code == EXIT_USAGE and "nothing to update" in r.error["message"], r


# ---------------------------------------------------------------- webhooks

def test_webhooks_list(run):
    r = run("webhooks", "list", "--phone-number-id", NUMBER_1)
    assert r.code == EXIT_OK, r
    ids = [w["id"] for w in r.data["webhooks"]]
    assert len(ids) == 3 and WEBHOOK_1 in ids


def test_webhooks_list_paging_and_all(run):
    page = run("webhooks", "list", "--phone-number-id", NUMBER_1, "--per-page", "1")
    assert page.code == EXIT_OK, page
    assert len(page.data["webhooks"]) == 1 and page.data["next_page_token"]
    second = run("webhooks", "list", "--phone-number-id", NUMBER_1, "--per-page", "1",
                 "--page-token", page.data["next_page_token"])
    assert second.data["webhooks"][0]["id"] != page.data["webhooks"][0]["id"]
    merged = run("webhooks", "list", "--phone-number-id", NUMBER_1, "--per-page", "1", "--all")
    assert merged.code == EXIT_OK, merged
    assert len({w["id"] for w in merged.data["webhooks"]}) == 3
    assert merged.data["next_page_token"] == ""


def test_webhooks_list_filters(run):
    meta = run("webhooks", "list", "--phone-number-id", NUMBER_1, "--kind", "meta")
    assert [w["kind"] for w in meta.data["webhooks"]] == ["meta"], meta
    project = run("webhooks", "list", "--scope", "project")
    assert project.code == EXIT_OK, project
    # Kapso's project list holds project and number webhooks alike.
    ids = {w["id"] for w in project.data["webhooks"]}
    assert {"0b000000-0000-4000-8000-000000000001",
            "0b000000-0000-4000-8000-000000000002"} <= ids, project


def test_webhooks_list_table(run):
    r = run("webhooks", "list", "--phone-number-id", NUMBER_1, "--output", "table")
    assert r.code == EXIT_OK, r
    lines = r.out.splitlines()
    assert lines[0] == "webhooks (3):"
    assert lines[1].split() == ["ID", "KIND", "ACTIVE", "URL", "EVENTS"]
    assert any(WEBHOOK_1 in line for line in lines)


def test_webhooks_get(run):
    r = run("webhooks", "get", "--phone-number-id", NUMBER_1, "--webhook-id", WEBHOOK_1)
    assert r.code == EXIT_OK, r
    assert r.data["id"] == WEBHOOK_1
    assert "whatsapp.message.received" in r.data["events"]


def test_webhooks_get_not_found(run):
    r = run("webhooks", "get", "--phone-number-id", NUMBER_1, "--webhook-id", MISSING_WEBHOOK)
    assert r.code == EXIT_FAILURE, r
    assert r.out == ""
    assert r.error["code"] == "NOT_FOUND"
    info = error_info(r)
    assert info["reason"] == "KAPSO_NOT_FOUND" and info["domain"] == "ops.kapso.ai"


def test_webhooks_create_update_delete(run):
    created = run("webhooks", "create", "--phone-number-id", NUMBER_1,
                  "--url", "https://hooks.example.com/kapso",
                  "--events", '["whatsapp.message.received", "whatsapp.message.failed"]',
                  "--kind", "kapso", "--payload-version", "v2", "--buffer-enabled", "true",
                  "--buffer-window-seconds", "10", "--max-buffer-size", "50",
                  "--inactivity-minutes", "30", "--headers", '{"X-Team": "ops"}',
                  "--active", "true", "--secret-key", "e2e-secret")
    assert created.code == EXIT_OK, created
    hook = created.data
    assert hook["url"] == "https://hooks.example.com/kapso"
    assert hook["events"] == ["whatsapp.message.received", "whatsapp.message.failed"]
    assert hook["headers"] == {"X-Team": "ops"}
    ids = ["--phone-number-id", NUMBER_1, "--webhook-id", hook["id"]]

    updated = run("webhooks", "update", *ids, "--active", "false")
    assert updated.code == EXIT_OK, updated
    assert updated.data["active"] is False
    # A partial update leaves every other field alone.
    assert updated.data["url"] == hook["url"]
    assert updated.data["events"] == hook["events"]
    assert updated.data["inactivity_minutes"] == 30

    assert run("webhooks", "delete", *ids).code == EXIT_OK
    gone = run("webhooks", "get", *ids)
    assert gone.code == EXIT_FAILURE and gone.error["code"] == "NOT_FOUND", gone


def test_webhooks_create_csv_events(run):
    r = run("webhooks", "create", "--phone-number-id", NUMBER_1, "--url",
            "https://hooks.example.com/csv", "--events",
            "whatsapp.message.sent,whatsapp.message.read")
    assert r.code == EXIT_OK, r
    assert r.data["events"] == ["whatsapp.message.sent", "whatsapp.message.read"]
    # No --secret-key: the CLI generated one, as Kapso requires it.
    assert len(r.data["secret_key"]) == 64


def test_webhooks_test(run):
    r = run("webhooks", "test", "--webhook-id", WEBHOOK_1,
            "--event-type", "whatsapp.message.received")
    assert r.code == EXIT_OK, r
    assert r.data["success"] is True


# ---------------------------------------------------------------- messages

def test_messages_list_all(run):
    r = run("messages", "list", "--per-page", "20", "--all")
    assert r.code == EXIT_OK, r
    ids = [m["id"] for m in r.data["messages"]]
    assert len(ids) == 45 and ids[0] == "wamid.SANDBOX0001"


def test_messages_list_filters(run):
    failed = run("messages", "list", "--status", "failed", "--direction", "outbound")
    assert failed.code == EXIT_OK, failed
    statuses = {m["kapso"]["status"] for m in failed.data["messages"]}
    assert statuses == {"failed"} and len(failed.data["messages"]) >= 5
    media = run("messages", "list", "--has-media", "true", "--all")
    assert media.data["messages"] and all(m["kapso"]["has_media"] for m in media.data["messages"])


def test_messages_get_timeline(run):
    r = run("messages", "get", "--message-id", "wamid.SANDBOX0001")
    assert r.code == EXIT_OK, r
    assert [e["status"] for e in r.data["delivery_timeline"]] == ["sent", "delivered", "read"]
    failed = run("messages", "get", "--message-id", "wamid.SANDBOX0002")
    last = failed.data["delivery_timeline"][-1]
    assert last["status"] == "failed" and last["errors"][0]["code"] == 131047


def test_messages_get_table_shows_timeline(run):
    r = run("messages", "get", "--message-id", "wamid.SANDBOX0003", "--output", "table")
    assert r.code == EXIT_OK, r
    assert "delivery_timeline (" in r.out and "131026" in r.out


def test_messages_get_explains_what_went_wrong(run):
    failed = run("messages", "get", "--message-id", "wamid.SANDBOX0002")
    assert failed.code == EXIT_OK, failed
    diagnosis = failed.data["diagnosis"]
    assert [e["code"] for e in diagnosis["errors"]] == [131047]
    explained = diagnosis["errors"][0]
    assert explained["title"] == "Re-engagement message"
    assert "template" in explained["remediation"]
    assert diagnosis["window"]["state"] == "closed"
    assert diagnosis["summary"].startswith("failed: 131047")
    table = run("messages", "get", "--message-id", "wamid.SANDBOX0003", "--output", "table")
    assert "diagnosis:" in table.out and "summary: failed: 131026 Message undeliverable" in table.out
    assert "REMEDIATION" in table.out and "Confirm the number is on WhatsApp" in table.out
    read = run("messages", "get", "--message-id", "wamid.SANDBOX0001")
    assert read.data["diagnosis"]["errors"] == [] or "errors" not in read.data["diagnosis"]
    assert read.data["diagnosis"]["summary"] == "last status: read"


def test_messages_get_not_found(run):
    r = run("messages", "get", "--message-id", "wamid.NOPE")
    assert r.code == EXIT_FAILURE and r.error["code"] == "NOT_FOUND", r


def test_conversations_lookup(run):
    by_phone = run("conversations", "lookup", "--phone-number", "+15550100101")
    assert by_phone.code == EXIT_OK, by_phone
    assert CONVERSATION_1 in [c["id"] for c in by_phone.data["conversations"]]
    by_id = run("conversations", "lookup", "--conversation-id", CONVERSATION_1)
    assert by_id.code == EXIT_OK, by_id
    assert by_id.data["phone_number"].lstrip("+") == "15550100101"
    assert by_id.data["status"] == "active"


# ---------------------------------------------------------------- triage

def test_errors(run):
    r = run("errors", "--period", "24h", "--limit", "10")
    assert r.code == EXIT_OK, r
    msgs = r.data["failed_messages"]["messages"]
    assert msgs and all(m["kapso"]["status"] == "failed" for m in msgs)
    assert all(log["response_status"] >= 400 for log in r.data["api_errors"]["api_logs"])


def test_api_logs(run):
    r = run("api-logs", "--errors-only", "true", "--all")
    assert r.code == EXIT_OK, r
    logs = r.data["api_logs"]
    assert len(logs) == 12 and all(log["response_status"] >= 400 for log in logs)
    week = run("api-logs", "--period", "7d", "--per-page", "100", "--all")
    assert len(week.data["api_logs"]) == 90, week


def test_webhook_deliveries(run):
    r = run("webhook-deliveries", "--status", "failed", "--all")
    assert r.code == EXIT_OK, r
    deliveries = r.data["deliveries"]
    assert len(deliveries) == 8 and {d["status"] for d in deliveries} == {"failed"}
    page = run("webhook-deliveries", "--per-page", "5")
    assert len(page.data["deliveries"]) == 5 and page.data["next_page_token"]


# ---------------------------------------------------------------- health

def test_overview(run):
    r = run("overview", "--period", "24h")
    assert r.code == EXIT_OK, r
    assert r.data["phone_numbers_total"] == 3
    assert int(r.data["api_calls_total"]["value"]) == 60
    assert int(r.data["api_calls_failed"]["value"]) == 12
    assert int(r.data["webhook_deliveries_failed"]["value"]) == 8


def test_overview_table(run):
    r = run("overview", "--output", "table")
    assert r.code == EXIT_OK, r
    assert "phone_numbers (3):" in r.out and "api_calls_failed: 12" in r.out


def test_health_unhealthy(run):
    r = run("health", "--phone-number-id", NUMBER_3)
    assert r.code == EXIT_OK, r
    assert r.data["status"] == "unhealthy"
    findings = [(f["check"], f["severity"]) for f in r.data["findings"]]
    assert ("phone_number_access", "SEVERITY_CRITICAL") in findings, findings
    checks = [c for c, _ in findings]
    # Triage order: access before messaging before webhook.
    assert checks.index("phone_number_access") < checks.index("messaging_health") \
        < checks.index("webhook_verified")


def test_health_report(run):
    r = run("health", "--phone-number-id", NUMBER_3, "--output", "table")
    assert r.code == EXIT_OK, r
    lines = r.out.splitlines()
    assert lines[0] == f"Phone number {NUMBER_3}: UNHEALTHY"
    assert "Findings (triage order):" in r.out
    assert "phone_number_access" in r.out.split("Failing checks:")[1]
    healthy = run("health", "--phone-number-id", NUMBER_1, "--output", "table")
    assert healthy.out.startswith(f"Phone number {NUMBER_1}: HEALTHY"), healthy


# ---------------------------------------------------------- phone numbers


@pytest.mark.parametrize("written", ["+1 555-010-0003", "15550100003", "+15550100003"])
def test_numbers_resolve_any_common_form(run, written):
    r = run("numbers", "resolve", "--phone-number", written)
    assert r.code == EXIT_OK, r
    assert r.data["phone_number_id"] == NUMBER_3
    assert r.data["display_phone_number"] == "+1 555-010-0003"


def test_phone_number_instead_of_its_id(run):
    by_number = run("health", "--phone-number", "+1 (555) 010-0003")
    assert by_number.code == EXIT_OK, by_number
    assert by_number.data["status"] == run("health", "--phone-number-id", NUMBER_3).data["status"]
    hooks = run("webhooks", "list", "--phone-number", "+1 555 010 0001")
    assert hooks.code == EXIT_OK, hooks
    assert hooks.data == run("webhooks", "list", "--phone-number-id", NUMBER_1).data


def test_unknown_phone_number_is_not_found(run):
    r = run("health", "--phone-number", "+44 7700 900123")
    assert r.code == EXIT_FAILURE, r
    assert r.error["code"] == "NOT_FOUND"
    assert "+44 7700 900123" in r.error["message"]
    assert r.detail("ErrorInfo")["reason"] == "PHONE_NUMBER_NOT_FOUND"


def test_malformed_phone_number_is_invalid_argument(run):
    r = run("numbers", "resolve", "--phone-number", "call me maybe")
    assert r.code == EXIT_FAILURE and r.error["code"] == "INVALID_ARGUMENT", r
    assert r.detail("BadRequest")["field_violations"][0]["field"] == "phone_number"


# ---------------------------------------------------------------- signature

BODY = b'{"event":"whatsapp.message.received","data":{"id":"wamid.X"}}'


def sign(secret, body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_verify_signature_file(run, tmp_path):
    body_file = tmp_path / "body.json"
    body_file.write_bytes(BODY)
    good = run("verify-signature", "--secret-key", "sandbox-secret-1", "--signature",
               sign("sandbox-secret-1", BODY), "--body-file", str(body_file), server=False)
    assert good.code == EXIT_OK and good.data == {"valid": True}, good
    bad = run("verify-signature", "--secret-key", "other-secret", "--signature",
              sign("sandbox-secret-1", BODY), "--body-file", str(body_file), server=False)
    assert bad.code == EXIT_FAILURE, bad
    assert bad.error["code"] == "INVALID_SIGNATURE"


def test_verify_signature_stdin(run):
    sig = sign("s3cret", BODY)
    assert run("verify-signature", "--secret-key", "s3cret", "--signature", sig,
               stdin=BODY.decode(), server=False).code == EXIT_OK
    # One byte more (a trailing newline) is a different body.
    assert run("verify-signature", "--secret-key", "s3cret", "--signature", sig,
               stdin=BODY.decode() + "\n", server=False).code == EXIT_FAILURE


# ---------------------------------------------------------------- transport and upstream

def test_unreachable_server(run):
    r = run("overview", "--timeout", "3s", server="127.0.0.1:1")
    assert r.code == EXIT_UNREACHABLE, r
    assert r.error["code"] == "UNAVAILABLE"


def test_server_from_environment(run, addr):
    r = run("overview", server=False, env={"KAPSO_OPS_SERVER": addr})
    assert r.code == EXIT_OK, r
    unreachable = run("overview", server=False, env={"KAPSO_OPS_SERVER": "127.0.0.1:1"})
    assert unreachable.code == EXIT_UNREACHABLE, unreachable


def test_global_flags_before_the_command(run, cli_path, addr):
    proc = subprocess.run([cli_path, "--server", addr, "--output", "json", "health",
                           "--phone-number-id", NUMBER_1], capture_output=True, text=True)
    assert proc.returncode == EXIT_OK, proc.stderr


def test_upstream_unavailable(run, sandbox):
    sandbox.fault(method="GET", path_prefix="/platform/v1/whatsapp/messages",
                  status=503, body='{"error":"maintenance"}', times=-1)
    r = run("messages", "list")
    assert r.code == EXIT_FAILURE, r
    assert r.error["code"] == "UNAVAILABLE"
    assert error_info(r)["reason"] in ("KAPSO_UNAVAILABLE", "KAPSO_CIRCUIT_OPEN")


def test_upstream_rate_limited_carries_retry_info(run, sandbox):
    sandbox.fault(method="GET", path_prefix="/platform/v1/whatsapp/messages",
                  status=429, body='{"error":"slow down"}', headers={"Retry-After": "1"},
                  times=-1)
    r = run("messages", "get", "--message-id", "wamid.SANDBOX0001", "--timeout", "800ms")
    assert r.code == EXIT_FAILURE, r
    assert r.error["code"] == "RESOURCE_EXHAUSTED"
    assert error_info(r)["reason"] in ("KAPSO_RATE_LIMITED", "KAPSO_BUDGET_EXHAUSTED")
    assert r.detail("google.rpc.RetryInfo") is not None
    # The server now holds back this key until Kapso's Retry-After has passed;
    # let it pass so the next tests start with a budget.
    time.sleep(1.2)


def test_upstream_not_found_in_table_mode(run):
    r = run("webhooks", "get", "--phone-number-id", NUMBER_1, "--webhook-id",
            MISSING_WEBHOOK, "--output", "table")
    assert r.code == EXIT_FAILURE, r
    assert r.err.startswith("kapso-ops: NOT_FOUND:")
    assert "reason: KAPSO_NOT_FOUND" in r.err


def test_deadline(run, sandbox):
    sandbox.fault(method="GET", path_prefix="/platform/v1/whatsapp/messages",
                  status=0, delay_ms=3000, times=-1)
    r = run("messages", "list", "--timeout", "300ms")
    assert r.code in (EXIT_UNREACHABLE, EXIT_FAILURE), r
    assert r.error["code"] == "DEADLINE_EXCEEDED"


# ---------------------------------------------------------------- completion

def test_bash_completion(cli_path):
    script = subprocess.run([cli_path, "completion", "bash"], capture_output=True,
                            text=True, check=True).stdout
    probe = script + """
COMP_WORDS=(kapso-ops webhooks li); COMP_CWORD=2; _kapso_ops; echo "${COMPREPLY[*]}"
COMP_WORDS=(kapso-ops --server x webhooks list --scope ''); COMP_CWORD=6; _kapso_ops; echo "${COMPREPLY[*]}"
COMP_WORDS=(kapso-ops health --phone); COMP_CWORD=2; _kapso_ops; echo "${COMPREPLY[*]}"
"""
    lines = subprocess.run(["bash", "-c", probe], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert lines == ["list", "config project", "--phone-number-id --phone-number"]
