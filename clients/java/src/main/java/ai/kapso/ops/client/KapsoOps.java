package ai.kapso.ops.client;

import ai.kapso.ops.v1.HealthGrpc;
import ai.kapso.ops.v1.MessageDebugGrpc;
import ai.kapso.ops.v1.TriageGrpc;
import ai.kapso.ops.v1.WebhooksGrpc;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One channel to kapso-ops with the recommended service config (retries of reads on
 * UNAVAILABLE, per-method timeouts) and the blocking stubs of its four services.
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

  private final ManagedChannel channel;
  private final WebhooksGrpc.WebhooksBlockingStub webhooks;
  private final MessageDebugGrpc.MessageDebugBlockingStub messageDebug;
  private final TriageGrpc.TriageBlockingStub triage;
  private final HealthGrpc.HealthBlockingStub health;

  private KapsoOps(ManagedChannel channel, Duration timeout) {
    this.channel = channel;
    Channel ch = timeout == null ? channel : ClientInterceptors.intercept(channel, defaultDeadline(timeout));
    this.webhooks = WebhooksGrpc.newBlockingStub(ch);
    this.messageDebug = MessageDebugGrpc.newBlockingStub(ch);
    this.triage = TriageGrpc.newBlockingStub(ch);
    this.health = HealthGrpc.newBlockingStub(ch);
  }

  private static ClientInterceptor defaultDeadline(Duration timeout) {
    return new ClientInterceptor() {
      @Override
      public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
          MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        if (callOptions.getDeadline() == null) {
          callOptions = callOptions.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return next.newCall(method, callOptions);
      }
    };
  }

  public ManagedChannel channel() {
    return channel;
  }

  public WebhooksGrpc.WebhooksBlockingStub webhooks() {
    return webhooks;
  }

  public MessageDebugGrpc.MessageDebugBlockingStub messageDebug() {
    return messageDebug;
  }

  public TriageGrpc.TriageBlockingStub triage() {
    return triage;
  }

  public HealthGrpc.HealthBlockingStub health() {
    return health;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
