package ai.kapso.ops.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.kapso.ops.v1.DeliveryEvent;
import ai.kapso.ops.v1.GetMessageRequest;
import ai.kapso.ops.v1.GetProjectOverviewRequest;
import ai.kapso.ops.v1.GetWebhookRequest;
import ai.kapso.ops.v1.ListApiLogsRequest;
import ai.kapso.ops.v1.ListMessagesRequest;
import ai.kapso.ops.v1.ListMessagesResponse;
import ai.kapso.ops.v1.ListWebhooksRequest;
import ai.kapso.ops.v1.Message;
import ai.kapso.ops.v1.ProjectOverview;
import ai.kapso.ops.v1.Webhook;
import com.google.gson.Gson;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Smoke tests against a running kapso-ops server and sandbox. Skipped without KAPSO_OPS_ADDR,
 * so that `mvn install` needs no stack; scripts/test-clients.sh always sets it.
 */
@EnabledIfEnvironmentVariable(named = "KAPSO_OPS_ADDR", matches = ".+")
class SmokeTest {
  private static final String NUMBER = "1000000000000001";
  private static KapsoOps ops;

  private static synchronized KapsoOps ops() {
    String addr = System.getenv("KAPSO_OPS_ADDR");
    if (addr == null || addr.isEmpty()) {
      fail(
          "KAPSO_OPS_ADDR is not set: start the test stack (scripts/stack.sh start DIR; set -a; . DIR/env;"
              + " set +a) or run scripts/test-clients.sh");
    }
    if (ops == null) {
      ops = KapsoOps.connect(addr, KapsoOps.options().timeout(Duration.ofSeconds(20)));
    }
    return ops;
  }

  @AfterAll
  static void close() {
    if (ops != null) {
      ops.close();
    }
  }

  @Test
  void healthProjectOverview() {
    ProjectOverview ov = ops().health().getProjectOverview(GetProjectOverviewRequest.getDefaultInstance());
    assertTrue(ov.getPhoneNumbersTotal() >= 3, "phone_numbers_total " + ov.getPhoneNumbersTotal());
    assertTrue(
        ov.getPhoneNumbersList().stream()
            .anyMatch(p -> NUMBER.equals(p.getId()) || NUMBER.equals(p.getPhoneNumberId())));
  }

  @Test
  void webhooksList() {
    List<String> ids =
        ops().webhooks().listWebhooks(ListWebhooksRequest.newBuilder().setPhoneNumberId(NUMBER).build())
            .getWebhooksList().stream()
            .map(Webhook::getId)
            .toList();
    assertEquals(3, ids.size(), ids.toString());
    assertTrue(ids.contains("0a000000-0000-4000-8000-000000000001"));
  }

  @Test
  void messageDebugTimeline() {
    Message m =
        ops().messageDebug().getMessage(GetMessageRequest.newBuilder().setMessageId("wamid.SANDBOX0001").build());
    assertEquals("wamid.SANDBOX0001", m.getId());
    List<String> st = m.getDeliveryTimelineList().stream().map(DeliveryEvent::getStatus).toList();
    assertTrue(st.size() >= 3, st.toString());
    assertEquals(List.of("sent", "delivered", "read"), st.subList(st.size() - 3, st.size()));
    assertTrue(m.getDeliveryTimelineList().stream().allMatch(DeliveryEvent::hasTime));
  }

  @Test
  void messageDebugSecondPage() {
    ListMessagesResponse p1 = ops().messageDebug().listMessages(ListMessagesRequest.newBuilder().setPageSize(5).build());
    assertEquals(5, p1.getMessagesCount());
    assertFalse(p1.getNextPageToken().isEmpty());
    ListMessagesResponse p2 =
        ops().messageDebug()
            .listMessages(
                ListMessagesRequest.newBuilder().setPageSize(5).setPageToken(p1.getNextPageToken()).build());
    assertEquals(5, p2.getMessagesCount());
    Set<String> first = p1.getMessagesList().stream().map(Message::getId).collect(Collectors.toSet());
    assertTrue(p2.getMessagesList().stream().noneMatch(m -> first.contains(m.getId())));
  }

  @Test
  void pagesReadListMessagesToTheLastPage() {
    List<String> ids = new ArrayList<>();
    int pages = 0;
    String last = "unset";
    for (ListMessagesResponse page :
        Pages.iterable(ops().messageDebug()::listMessages, ListMessagesRequest.newBuilder().setPageSize(5).build())) {
      pages++;
      page.getMessagesList().forEach(m -> ids.add(m.getId()));
      last = page.getNextPageToken();
    }
    assertEquals("", last);
    assertTrue(pages >= 2 && ids.size() > 5, pages + " pages, " + ids.size() + " messages");
    assertEquals(ids.size(), new HashSet<>(ids).size());
  }

  @Test
  void futureStubFailsWithKapsoOpsException() throws Exception {
    CompletableFuture<Webhook> f = KapsoOps.completable(ops().webhooksFuture().getWebhook(
        GetWebhookRequest.newBuilder().setPhoneNumberId(NUMBER)
            .setWebhookId("0a000000-0000-4000-8000-00000000dead").build()));
    ExecutionException e = assertThrows(ExecutionException.class, f::get);
    assertTrue(e.getCause() instanceof KapsoOpsException);
    assertEquals("KAPSO_NOT_FOUND", ((KapsoOpsException) e.getCause()).reason());
  }

  @Test
  void triageApiLogs() {
    assertTrue(
        ops().triage().listApiLogs(ListApiLogsRequest.newBuilder().setPageSize(10).build()).getApiLogsCount() > 0);
  }

  @Test
  void errorInfoReason() {
    KapsoOps c = ops();
    StatusRuntimeException sre =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                c.webhooks()
                    .getWebhook(
                        GetWebhookRequest.newBuilder()
                            .setPhoneNumberId(NUMBER)
                            .setWebhookId("0a000000-0000-4000-8000-00000000dead")
                            .build()));
    assertTrue(sre.getCause() instanceof KapsoOpsException, "the stub's error carries the decoded one");
    KapsoOpsException e = KapsoOpsException.from(sre);
    assertEquals(Status.Code.NOT_FOUND, e.code());
    assertEquals("KAPSO_NOT_FOUND", e.reason());
    assertEquals(KapsoOpsException.DOMAIN, e.domain());
    assertEquals(404, e.httpStatus().orElse(0));
  }

  @Test
  void callsReachedTheSandbox() throws Exception {
    KapsoOps c = ops();
    String base = System.getenv("KAPSO_SANDBOX_URL");
    if (base == null || base.isEmpty()) {
      fail("KAPSO_SANDBOX_URL is not set (see docs/contracts.md)");
    }
    c.triage().listApiLogs(ListApiLogsRequest.newBuilder().setPageSize(1).build());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base.replaceAll("/$", "") + "/__sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
    Map<?, ?> stats = new Gson().fromJson(r.body(), Map.class);
    assertTrue(((Number) stats.get("total_requests")).intValue() > 0);
  }
}
