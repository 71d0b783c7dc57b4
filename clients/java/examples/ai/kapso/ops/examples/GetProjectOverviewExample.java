package ai.kapso.ops.examples;

import ai.kapso.ops.client.KapsoOps;
import ai.kapso.ops.client.KapsoOpsException;
import ai.kapso.ops.v1.GetProjectOverviewRequest;
import ai.kapso.ops.v1.Period;
import ai.kapso.ops.v1.ProjectOverview;
import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;

/**
 * Calls Health.GetProjectOverview and prints it.
 *
 * <pre>cd clients/java && KAPSO_OPS_ADDR=127.0.0.1:50051 mvn -q -o test-compile exec:java</pre>
 */
public final class GetProjectOverviewExample {
  public static void main(String[] args) throws Exception {
    String addr = System.getenv().getOrDefault("KAPSO_OPS_ADDR", "127.0.0.1:50051");
    try (KapsoOps ops = KapsoOps.connect(addr, KapsoOps.options())) {
      ProjectOverview ov =
          ops.health()
              .getProjectOverview(
                  GetProjectOverviewRequest.newBuilder().setPeriod(Period.PERIOD_24H).build());
      System.out.println(JsonFormat.printer().preservingProtoFieldNames().print(ov));
    } catch (StatusRuntimeException e) {
      KapsoOpsException err = KapsoOpsException.from(e);
      System.err.println("GetProjectOverview failed: " + err.getMessage() + " metadata=" + err.metadata());
      System.exit(1);
    }
  }
}
