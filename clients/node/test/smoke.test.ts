// Smoke tests against a running kapso-ops server and sandbox (docs/contracts.md seed data).
// They fail, never skip, when KAPSO_OPS_ADDR is not set.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import { connect, ERROR_DOMAIN, KapsoOps, KapsoOpsError, pages } from "../src/index";
import { GetProjectOverviewRequest } from "../src/gen/kapso/ops/v1/health";
import { GetMessageRequest, ListMessagesRequest } from "../src/gen/kapso/ops/v1/message_debug";
import { ListApiLogsRequest } from "../src/gen/kapso/ops/v1/triage";
import { GetWebhookRequest, ListWebhooksRequest } from "../src/gen/kapso/ops/v1/webhooks";

const NUMBER = "1000000000000001";
const NEEDS_STACK =
  "KAPSO_OPS_ADDR is not set: start the test stack (scripts/stack.sh start DIR; set -a; . DIR/env; set +a) or run scripts/test-clients.sh";

describe("kapso-ops smoke", () => {
  let ops: KapsoOps | undefined;
  before(() => {
    if (process.env.KAPSO_OPS_ADDR) ops = connect(process.env.KAPSO_OPS_ADDR, { timeoutMs: 20_000 });
  });
  after(() => ops?.close());
  const client = (): KapsoOps => {
    if (!ops) assert.fail(NEEDS_STACK);
    return ops;
  };

  test("Health.GetProjectOverview", async () => {
    const c = client();
    const ov = await c.health.getProjectOverview(GetProjectOverviewRequest.create());
    assert.ok(ov.phoneNumbersTotal >= 3, `phone_numbers_total ${ov.phoneNumbersTotal}`);
    assert.ok(ov.phoneNumbers.some((p) => p.id === NUMBER || p.phoneNumberId === NUMBER));
  });

  test("Webhooks.ListWebhooks", async () => {
    const c = client();
    const resp = await c.webhooks.listWebhooks(ListWebhooksRequest.create({ phoneNumberId: NUMBER }));
    const ids = resp.webhooks.map((w) => w.id);
    assert.equal(ids.length, 3, ids.join(","));
    assert.ok(ids.includes("0a000000-0000-4000-8000-000000000001"));
  });

  test("MessageDebug.GetMessage delivery_timeline", async () => {
    const c = client();
    const m = await c.messageDebug.getMessage(GetMessageRequest.create({ messageId: "wamid.SANDBOX0001" }));
    assert.equal(m.id, "wamid.SANDBOX0001");
    const statuses = m.deliveryTimeline.map((e) => e.status);
    assert.deepEqual(statuses.slice(-3), ["sent", "delivered", "read"]);
    assert.ok(m.deliveryTimeline.every((e) => e.time instanceof Date));
  });

  test("MessageDebug.ListMessages second page", async () => {
    const c = client();
    const p1 = await c.messageDebug.listMessages(ListMessagesRequest.create({ pageSize: 5 }));
    assert.equal(p1.messages.length, 5);
    assert.ok(p1.nextPageToken);
    const p2 = await c.messageDebug.listMessages(ListMessagesRequest.create({ pageSize: 5, pageToken: p1.nextPageToken }));
    assert.equal(p2.messages.length, 5);
    const first = new Set(p1.messages.map((m) => m.id));
    assert.ok(p2.messages.every((m) => !first.has(m.id)));
  });

  test("pages() reads ListMessages to the last page", async () => {
    const c = client();
    const ids: string[] = [];
    let last = "unset";
    for await (const page of pages(c.messageDebug.listMessages, ListMessagesRequest.create({ pageSize: 5 }))) {
      ids.push(...page.messages.map((m) => m.id));
      last = page.nextPageToken;
    }
    assert.equal(last, "");
    assert.ok(ids.length > 5, `${ids.length} messages`);
    assert.equal(new Set(ids).size, ids.length);
  });

  test("Triage.ListApiLogs", async () => {
    const c = client();
    const resp = await c.triage.listApiLogs(ListApiLogsRequest.create({ pageSize: 10 }));
    assert.ok(resp.apiLogs.length > 0);
  });

  test("Webhooks.GetWebhook missing -> NOT_FOUND / KAPSO_NOT_FOUND", async () => {
    const c = client();
    await assert.rejects(
      c.webhooks.getWebhook(GetWebhookRequest.create({
        phoneNumberId: NUMBER, webhookId: "0a000000-0000-4000-8000-00000000dead",
      })),
      (e: unknown) => {
        assert.ok(e instanceof KapsoOpsError);
        assert.equal(e.code, grpc.status.NOT_FOUND);
        assert.equal(e.codeName, "NOT_FOUND");
        assert.equal(e.reason, "KAPSO_NOT_FOUND");
        assert.equal(e.domain, ERROR_DOMAIN);
        assert.equal(e.httpStatus, 404);
        return true;
      },
    );
  });

  test("calls reached the sandbox", async () => {
    const c = client();
    const base = process.env.KAPSO_SANDBOX_URL;
    if (!base) assert.fail("KAPSO_SANDBOX_URL is not set (see docs/contracts.md)");
    await c.triage.listApiLogs(ListApiLogsRequest.create({ pageSize: 1 }));
    const stats = (await (await fetch(`${base.replace(/\/$/, "")}/__sandbox/stats`)).json()) as { total_requests: number };
    assert.ok(stats.total_requests > 0);
  });
});
