package ai.kapso.ops.client;

import ai.kapso.ops.v1.HealthGrpc;
import ai.kapso.ops.v1.MessageDebugGrpc;
import ai.kapso.ops.v1.TriageGrpc;
import ai.kapso.ops.v1.WebhooksGrpc;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One channel to kapso-ops with the recommended service config (retries of reads on
 * UNAVAILABLE, per-method timeouts) and the blocking, future and async stubs of its four
 * services, all on {@link #channel()}: the default deadline applies to each, and every
 * failed call's StatusRuntimeException carries the decoded KapsoOpsException as its cause.
 *
 * <pre>{@code
 * try (KapsoOps ops = KapsoOps.connect("127.0.0.1:50051", KapsoOps.options())) {
 *   ProjectOverview ov = ops.health().getProjectOverview(GetProjectOverviewRequest.getDefaultInstance());
 * }
 * }</pre>
 */
public final class KapsoOps implements AutoCloseable {
  private static final String SERVICE_CONFIG_RESOURCE = "service_config.json";

  /** Connection options. */
  public static final class Options {
    private Duration timeout;
    private boolean tls;
    private File caFile;
    private Map<String, ?> serviceConfig;

    /** Default deadline for calls without one; otherwise the service config's timeouts apply. */
    public Options timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /** TLS with the JVM's trusted roots. */
    public Options tls(boolean on) {
      this.tls = on;
      return this;
    }

    /** TLS with the PEM roots in this file. */
    public Options caFile(File f) {
      this.caFile = f;
      this.tls = true;
      return this;
    }

    /** Replaces the recommended service config. */
    public Options serviceConfig(Map<String, ?> config) {
      this.serviceConfig = config;
      return this;
    }
  }

  public static Options options() {
    return new Options();
  }

  /** The recommended service config (clients/service_config.json, bundled in the jar). */
  public static Map<String, ?> loadServiceConfig() {
    try (InputStream in = KapsoOps.class.getResourceAsStream(SERVICE_CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SERVICE_CONFIG_RESOURCE + " missing from the classpath");
      }
      return new Gson()
          .fromJson(
              new InputStreamReader(in, StandardCharsets.UTF_8),
              new TypeToken<Map<String, Object>>() {}.getType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static KapsoOps connect(String target, Options opts) {
    ChannelCredentials creds;
    if (opts.tls) {
      TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
      if (opts.caFile != null) {
        try {
          b.trustManager(opts.caFile);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      creds = b.build();
    } else {
      creds = InsecureChannelCredentials.create();
    }
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, creds)
            .defaultServiceConfig(opts.serviceConfig != null ? opts.serviceConfig : loadServiceConfig())
            .enableRetry()
            .build();
    return new KapsoOps(channel, opts.timeout);
  }

  private final ManagedChannel managedChannel;
  private final Channel channel;

  private KapsoOps(ManagedChannel managedChannel, Duration timeout) {
    this.managedChannel = managedChannel;
    this.channel = ClientInterceptors.intercept(managedChannel, new DecodingInterceptor(timeout));
  }

  /** The channel every stub uses: default deadline and error decoding included. */
  public Channel channel() {
    return channel;
  }

  /** The underlying channel, for its lifecycle and connectivity state (no default deadline). */
  public ManagedChannel managedChannel() {
    return managedChannel;
  }

  public WebhooksGrpc.WebhooksBlockingStub webhooks() {
    return WebhooksGrpc.newBlockingStub(channel);
  }

  public MessageDebugGrpc.MessageDebugBlockingStub messageDebug() {
    return MessageDebugGrpc.newBlockingStub(channel);
  }

  public TriageGrpc.TriageBlockingStub triage() {
    return TriageGrpc.newBlockingStub(channel);
  }

  public HealthGrpc.HealthBlockingStub health() {
    return HealthGrpc.newBlockingStub(channel);
  }

  public WebhooksGrpc.WebhooksFutureStub webhooksFuture() {
    return WebhooksGrpc.newFutureStub(channel);
  }

  public MessageDebugGrpc.MessageDebugFutureStub messageDebugFuture() {
    return MessageDebugGrpc.newFutureStub(channel);
  }

  public TriageGrpc.TriageFutureStub triageFuture() {
    return TriageGrpc.newFutureStub(channel);
  }

  public HealthGrpc.HealthFutureStub healthFuture() {
    return HealthGrpc.newFutureStub(channel);
  }

  public WebhooksGrpc.WebhooksStub webhooksAsync() {
    return WebhooksGrpc.newStub(channel);
  }

  public MessageDebugGrpc.MessageDebugStub messageDebugAsync() {
    return MessageDebugGrpc.newStub(channel);
  }

  public TriageGrpc.TriageStub triageAsync() {
    return TriageGrpc.newStub(channel);
  }

  public HealthGrpc.HealthStub healthAsync() {
    return HealthGrpc.newStub(channel);
  }

  /**
   * A future stub's result as a CompletableFuture that fails with KapsoOpsException:
   * {@code KapsoOps.completable(ops.healthFuture().getProjectOverview(req)).thenApply(...)}.
   */
  public static <T> CompletableFuture<T> completable(ListenableFuture<T> future) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Futures.addCallback(future, new FutureCallback<T>() {
      @Override
      public void onSuccess(T result) {
        out.complete(result);
      }

      @Override
      public void onFailure(Throwable t) {
        out.completeExceptionally(KapsoOpsException.from(t));
      }
    }, MoreExecutors.directExecutor());
    return out;
  }

  @Override
  public void close() {
    managedChannel.shutdown();
    try {
      if (!managedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
        managedChannel.shutdownNow();
      }
    } catch (InterruptedException e) {
      managedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
