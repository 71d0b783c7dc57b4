// Checks that need no server: the service config and error decoding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { connect, ERROR_DOMAIN, KapsoOpsError, loadServiceConfig, pages } from "../src/index";
import { Count } from "../src/gen/kapso/ops/v1/common";
import { GetProjectOverviewRequest, HealthService } from "../src/gen/kapso/ops/v1/health";
import { MessageDebugService } from "../src/gen/kapso/ops/v1/message_debug";
import { ListApiLogsRequest, ListApiLogsResponse, TriageService } from "../src/gen/kapso/ops/v1/triage";
import { WebhooksService } from "../src/gen/kapso/ops/v1/webhooks";
import { Status } from "../src/gen/google/rpc/status";
import { BadRequest, ErrorInfo, RetryInfo } from "../src/gen/google/rpc/error_details";

const WRITES = new Set(["CreateWebhook", "UpdateWebhook", "DeleteWebhook", "TestWebhook"]);
// Live tails: no deadline (they run until stopped) and no retries (a caller
// reconnects with its resume token).
const STREAMS = new Set(["FollowMessageErrors", "FollowApiLogs", "FollowWebhookDeliveries"]);

interface MethodConfig {
  name: { service?: string; method?: string }[];
  timeout: string;
  retryPolicy?: { retryableStatusCodes: string[] };
}

test("bundled service config is clients/service_config.json", () => {
  const repo = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "service_config.json"), "utf8"));
  assert.deepEqual(loadServiceConfig(), repo);
});

test("service config retries reads only and times every method", () => {
  const cfg = loadServiceConfig() as { methodConfig: MethodConfig[] };
  const byMethod = new Map<string, MethodConfig>();
  for (const mc of cfg.methodConfig) for (const n of mc.name) if (n.method) byMethod.set(`${n.service}/${n.method}`, mc);
  let count = 0;
  for (const svc of [WebhooksService, MessageDebugService, TriageService, HealthService]) {
    for (const def of Object.values(svc)) {
      const [, service, method] = def.path.split("/");
      const mc = byMethod.get(`${service}/${method}`);
      count++;
      assert.ok(mc, `${def.path} has no methodConfig`);
      if (STREAMS.has(method)) {
        assert.equal(mc.timeout, undefined, `${method} must have no deadline`);
        assert.equal(mc.retryPolicy, undefined, `${method} must not be retried`);
        continue;
      }
      assert.match(mc.timeout, /s$/);
      if (WRITES.has(method)) assert.equal(mc.retryPolicy, undefined, `${method} must never be retried`);
      else assert.deepEqual(mc.retryPolicy?.retryableStatusCodes, ["UNAVAILABLE"], method);
    }
  }
  assert.equal(count, 20);
});

function any(type: string, value: Uint8Array) {
  return { typeUrl: `type.googleapis.com/${type}`, value: Buffer.from(value) };
}

test("decodes ErrorInfo, RetryInfo and BadRequest", () => {
  const status = Status.fromPartial({
    code: grpc.status.RESOURCE_EXHAUSTED,
    message: "rate limited by Kapso",
    details: [
      any("google.rpc.ErrorInfo", ErrorInfo.encode({ reason: "KAPSO_RATE_LIMITED", domain: ERROR_DOMAIN,
        metadata: { http_status: "429", kapso_method: "GET" } }).finish()),
      any("google.rpc.RetryInfo", RetryInfo.encode({ retryDelay: { seconds: 2, nanos: 500_000_000 } }).finish()),
      any("google.rpc.BadRequest", BadRequest.encode(BadRequest.fromPartial({
        fieldViolations: [{ field: "page_size", description: "1-100" }] })).finish()),
    ],
  });
  const md = new grpc.Metadata();
  md.set("grpc-status-details-bin", Buffer.from(Status.encode(status).finish()));
  const se = Object.assign(new Error("8 RESOURCE_EXHAUSTED: rate limited by Kapso"), {
    code: grpc.status.RESOURCE_EXHAUSTED, details: "rate limited by Kapso", metadata: md,
  }) as grpc.ServiceError;
  const err = KapsoOpsError.fromServiceError(se);
  assert.equal(err.code, grpc.status.RESOURCE_EXHAUSTED);
  assert.equal(err.reason, "KAPSO_RATE_LIMITED");
  assert.equal(err.domain, ERROR_DOMAIN);
  assert.equal(err.httpStatus, 429);
  assert.equal(err.metadata.kapso_method, "GET");
  assert.equal(err.retryDelayMs, 2500);
  assert.deepEqual(err.fieldViolations, [{ field: "page_size", description: "1-100" }]);
  assert.match(err.message, /KAPSO_RATE_LIMITED/);
});

test("a closed port fails with UNAVAILABLE as KapsoOpsError", async () => {
  const ops = connect("127.0.0.1:1", { timeoutMs: 2000 });
  try {
    await assert.rejects(ops.health.getProjectOverview(GetProjectOverviewRequest.create()), (e: unknown) => {
      assert.ok(e instanceof KapsoOpsError);
      assert.ok([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED].includes(e.code), String(e.code));
      return true;
    });
  } finally {
    ops.close();
  }
});

test("rawErrors rejects with grpc-js's ServiceError", async () => {
  const ops = connect("127.0.0.1:1", { timeoutMs: 2000, rawErrors: true });
  try {
    await assert.rejects(ops.health.getProjectOverview(GetProjectOverviewRequest.create()), (e: unknown) => {
      assert.ok(!(e instanceof KapsoOpsError));
      assert.equal(typeof (e as grpc.ServiceError).code, "number");
      return true;
    });
  } finally {
    ops.close();
  }
});

test("pages() follows nextPageToken to the end without changing the request", async () => {
  const next: Record<string, string> = { "": "p2", p2: "p3", p3: "" };
  const seen: string[] = [];
  const list = async (req: ListApiLogsRequest) => {
    seen.push(req.pageToken);
    return ListApiLogsResponse.create({ nextPageToken: next[req.pageToken] });
  };
  const request = ListApiLogsRequest.create({ pageSize: 2 });
  let n = 0;
  for await (const _ of pages(list, request)) n++;
  assert.equal(n, 3);
  assert.deepEqual(seen, ["", "p2", "p3"]);
  assert.equal(request.pageToken, "");
});

test("64-bit integers are numbers", () => {
  const c = Count.decode(Count.encode(Count.fromPartial({ value: 9_007_199_254_740_991 })).finish());
  assert.equal(c.value, Number.MAX_SAFE_INTEGER);
});
