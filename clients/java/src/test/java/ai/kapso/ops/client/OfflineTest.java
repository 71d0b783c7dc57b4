package ai.kapso.ops.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.kapso.ops.v1.GetProjectOverviewRequest;
import ai.kapso.ops.v1.HealthGrpc;
import ai.kapso.ops.v1.ListApiLogsRequest;
import ai.kapso.ops.v1.ListApiLogsResponse;
import ai.kapso.ops.v1.MessageDebugGrpc;
import ai.kapso.ops.v1.TriageGrpc;
import ai.kapso.ops.v1.WebhooksGrpc;
import com.google.gson.Gson;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks that need no server: the service config and error decoding. */
class OfflineTest {
  private static final Set<String> WRITES =
      Set.of("CreateWebhook", "UpdateWebhook", "DeleteWebhook", "TestWebhook");
  // Live tails: no deadline (they run until stopped) and no retries (a caller
  // reconnects with its resume token).
  private static final Set<String> STREAMS =
      Set.of("FollowMessageErrors", "FollowApiLogs", "FollowWebhookDeliveries");

  @Test
  void bundledConfigIsTheRepoConfig() throws Exception {
    Path repo = Path.of(System.getenv().getOrDefault("KAPSO_OPS_SERVICE_CONFIG", "../service_config.json"));
    Object fromRepo = new Gson().fromJson(Files.readString(repo), Map.class);
    assertEquals(fromRepo, KapsoOps.loadServiceConfig());
  }

  @Test
  @SuppressWarnings("unchecked")
  void serviceConfigRetriesReadsOnlyAndTimesEveryMethod() {
    Map<String, Map<String, Object>> byMethod = new HashMap<>();
    for (Object o : (List<Object>) KapsoOps.loadServiceConfig().get("methodConfig")) {
      Map<String, Object> mc = (Map<String, Object>) o;
      for (Object n : (List<Object>) mc.get("name")) {
        Map<String, String> name = (Map<String, String>) n;
        if (name.get("method") != null) {
          byMethod.put(name.get("service") + "/" + name.get("method"), mc);
        }
      }
    }
    int count = 0;
    for (ServiceDescriptor sd :
        List.of(
            WebhooksGrpc.getServiceDescriptor(),
            MessageDebugGrpc.getServiceDescriptor(),
            TriageGrpc.getServiceDescriptor(),
            HealthGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> md : sd.getMethods()) {
        count++;
        Map<String, Object> mc = byMethod.get(md.getFullMethodName());
        assertNotNull(mc, md.getFullMethodName() + " has no methodConfig");
        if (STREAMS.contains(md.getBareMethodName())) {
          assertNull(mc.get("timeout"), md.getBareMethodName() + " must have no deadline");
          assertNull(mc.get("retryPolicy"), md.getBareMethodName() + " must not be retried");
          continue;
        }
        assertTrue(((String) mc.get("timeout")).endsWith("s"));
        if (WRITES.contains(md.getBareMethodName())) {
          assertNull(mc.get("retryPolicy"), md.getBareMethodName() + " must never be retried");
        } else {
          Map<String, Object> rp = (Map<String, Object>) mc.get("retryPolicy");
          assertNotNull(rp, md.getFullMethodName());
          assertEquals(List.of("UNAVAILABLE"), rp.get("retryableStatusCodes"));
        }
      }
    }
    assertEquals(20, count);
  }

  @Test
  void decodesErrorInfoRetryInfoBadRequest() {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
            .setMessage("rate limited by Kapso")
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason("KAPSO_RATE_LIMITED")
                        .setDomain(KapsoOpsException.DOMAIN)
                        .putMetadata("http_status", "429")
                        .putMetadata("kapso_method", "GET")
                        .build()))
            .addDetails(
                Any.pack(
                    RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder().setSeconds(2).setNanos(500_000_000))
                        .build()))
            .addDetails(
                Any.pack(
                    BadRequest.newBuilder()
                        .addFieldViolations(
                            BadRequest.FieldViolation.newBuilder()
                                .setField("page_size")
                                .setDescription("1-100"))
                        .build()))
            .build();
    StatusRuntimeException sre = StatusProto.toStatusRuntimeException(status);
    KapsoOpsException e = KapsoOpsException.from(sre);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
    assertEquals("KAPSO_RATE_LIMITED", e.reason());
    assertEquals(KapsoOpsException.DOMAIN, e.domain());
    assertEquals(429, e.httpStatus().orElseThrow());
    assertEquals("GET", e.metadata().get("kapso_method"));
    assertEquals(Duration.ofMillis(2500), e.retryDelay().orElseThrow());
    assertEquals(List.of(new KapsoOpsException.FieldViolation("page_size", "1-100")), e.fieldViolations());
    assertTrue(e.getMessage().contains("KAPSO_RATE_LIMITED"));
  }

  @Test
  void closedPortFailsUnavailable() {
    try (KapsoOps ops =
        KapsoOps.connect("127.0.0.1:1", KapsoOps.options().timeout(Duration.ofSeconds(2)))) {
      StatusRuntimeException sre =
          assertThrows(
              StatusRuntimeException.class,
              () -> ops.health().getProjectOverview(GetProjectOverviewRequest.getDefaultInstance()));
      assertTrue(sre.getCause() instanceof KapsoOpsException, "decoded error attached as the cause");
      KapsoOpsException e = KapsoOpsException.from(sre);
      assertTrue(
          e.code() == Status.Code.UNAVAILABLE || e.code() == Status.Code.DEADLINE_EXCEEDED,
          e.code().toString());
      assertFalse(e.retryDelay().isPresent());
    }
  }

  @Test
  void channelAppliesTheDefaultDeadline() {
    try (KapsoOps ops =
        KapsoOps.connect("127.0.0.1:1", KapsoOps.options().timeout(Duration.ofMillis(300)))) {
      // wait-for-ready keeps the call pending on a closed port: only a deadline ends it.
      long t0 = System.nanoTime();
      StatusRuntimeException sre = assertThrows(StatusRuntimeException.class,
          () -> HealthGrpc.newBlockingStub(ops.channel()).withWaitForReady()
              .getProjectOverview(GetProjectOverviewRequest.getDefaultInstance()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, sre.getStatus().getCode());
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }
  }

  @Test
  void pagesFollowNextPageTokenToTheEnd() {
    Map<String, String> next = Map.of("", "p2", "p2", "p3", "p3", "");
    List<String> seen = new java.util.ArrayList<>();
    ListApiLogsRequest request = ListApiLogsRequest.newBuilder().setPageSize(2).build();
    List<ListApiLogsResponse> pages = Pages.stream((ListApiLogsRequest r) -> {
      seen.add(r.getPageToken());
      return ListApiLogsResponse.newBuilder().setNextPageToken(next.get(r.getPageToken())).build();
    }, request).toList();
    assertEquals(3, pages.size());
    assertEquals(List.of("", "p2", "p3"), seen);
    assertEquals("", request.getPageToken());
  }
}
