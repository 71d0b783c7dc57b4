// A consumer of the packaged @kapso-ops/client tarball: overview, a decoded NOT_FOUND,
// paging to the end. Compiled with tsc --strict; exits non-zero on failure.
import { connect, grpc, health, KapsoOpsError, messageDebug, pages, webhooks } from "@kapso-ops/client";

const NUMBER = "1000000000000001";

function check(ok: boolean, what: string): void {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) process.exit(1);
}

async function main(): Promise<void> {
  const ops = connect(process.env.KAPSO_OPS_ADDR ?? "", { timeoutMs: 20_000 });
  try {
    const md = new grpc.Metadata(); // the package's own grpc-js: no second copy
    md.set("x-consumer", "node");
    const overview = await ops.health.getProjectOverview(health.GetProjectOverviewRequest.create(), { metadata: md });
    const total: number = overview.phoneNumbersTotal;
    check(total >= 3, `overview: ${total} numbers`);
    try {
      await ops.webhooks.getWebhook(webhooks.GetWebhookRequest.create({
        phoneNumberId: NUMBER, webhookId: "0a000000-0000-4000-8000-00000000dead" }));
      check(false, "GetWebhook of a missing webhook rejected");
    } catch (e) {
      check(e instanceof KapsoOpsError && e.codeName === "NOT_FOUND" && e.code === grpc.status.NOT_FOUND
        && e.reason === "KAPSO_NOT_FOUND", `decoded error: ${(e as KapsoOpsError).codeName} ${(e as KapsoOpsError).reason}`);
    }
    const ids: string[] = [];
    let n = 0;
    for await (const page of pages(ops.messageDebug.listMessages, messageDebug.ListMessagesRequest.create({ pageSize: 5 }))) {
      n++;
      ids.push(...page.messages.map((m) => m.id));
    }
    check(n >= 2 && ids.length > 5 && new Set(ids).size === ids.length, `paging: ${n} pages, ${ids.length} messages`);
  } finally {
    ops.close();
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
