package ai.kapso.ops.examples;

import ai.kapso.ops.client.KapsoOps;
import ai.kapso.ops.client.KapsoOpsException;
import ai.kapso.ops.v1.GetProjectOverviewRequest;
import ai.kapso.ops.v1.Period;
import ai.kapso.ops.v1.ProjectOverview;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
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
      // Per-source errors are google.rpc.Status whose Any details need their types to print.
      TypeRegistry details =
          TypeRegistry.newBuilder()
              .add(ErrorInfo.getDescriptor())
              .add(RetryInfo.getDescriptor())
              .add(BadRequest.getDescriptor())
              .build();
      System.out.println(
          JsonFormat.printer().usingTypeRegistry(details).preservingProtoFieldNames().print(ov));
    } catch (StatusRuntimeException e) {
      KapsoOpsException err = KapsoOpsException.from(e);
      System.err.println("GetProjectOverview failed: " + err.getMessage() + " metadata=" + err.metadata());
      System.exit(1);
    }
  }
}
