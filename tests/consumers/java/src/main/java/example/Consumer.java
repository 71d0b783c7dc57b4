package example;

import ai.kapso.ops.client.KapsoOps;
import ai.kapso.ops.client.KapsoOpsException;
import ai.kapso.ops.client.Pages;
import ai.kapso.ops.v1.GetProjectOverviewRequest;
import ai.kapso.ops.v1.GetWebhookRequest;
import ai.kapso.ops.v1.ListMessagesRequest;
import ai.kapso.ops.v1.ListMessagesResponse;
import ai.kapso.ops.v1.ProjectOverview;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** A consumer of the installed kapso-ops jar: overview, a decoded NOT_FOUND, paging to the end. */
public final class Consumer {
  private static void check(boolean ok, String what) {
    System.out.println((ok ? "ok   " : "FAIL ") + what);
    if (!ok) {
      System.exit(1);
    }
  }

  public static void main(String[] args) throws Exception {
    GetWebhookRequest missing = GetWebhookRequest.newBuilder()
        .setPhoneNumberId("1000000000000001").setWebhookId("0a000000-0000-4000-8000-00000000dead").build();
    try (KapsoOps ops = KapsoOps.connect(System.getenv("KAPSO_OPS_ADDR"),
        KapsoOps.options().timeout(Duration.ofSeconds(20)))) {
      ProjectOverview ov = ops.health().getProjectOverview(GetProjectOverviewRequest.getDefaultInstance());
      check(ov.getPhoneNumbersTotal() >= 3, "overview: " + ov.getPhoneNumbersTotal() + " numbers");
      try {
        ops.webhooks().getWebhook(missing);
        check(false, "GetWebhook of a missing webhook threw");
      } catch (StatusRuntimeException e) {
        KapsoOpsException err = KapsoOpsException.from(e);
        check(e.getCause() instanceof KapsoOpsException && err.code() == Status.Code.NOT_FOUND
            && err.reason().equals("KAPSO_NOT_FOUND"), "decoded error: " + err.code() + " " + err.reason());
      }
      try {
        KapsoOps.completable(ops.webhooksFuture().getWebhook(missing)).get();
        check(false, "future GetWebhook of a missing webhook failed");
      } catch (ExecutionException e) {
        check(e.getCause() instanceof KapsoOpsException k && k.reason().equals("KAPSO_NOT_FOUND"), "future decoded error");
      }
      Set<String> ids = new HashSet<>();
      int pages = 0;
      for (ListMessagesResponse page :
          Pages.iterable(ops.messageDebug()::listMessages, ListMessagesRequest.newBuilder().setPageSize(5).build())) {
        pages++;
        page.getMessagesList().forEach(m -> ids.add(m.getId()));
      }
      check(pages >= 2 && ids.size() > 5, "paging: " + pages + " pages, " + ids.size() + " messages");
    }
  }
}
