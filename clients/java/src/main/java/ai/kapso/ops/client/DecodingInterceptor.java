package ai.kapso.ops.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The interceptor of every KapsoOps stub: gives calls without a deadline the default one,
 * and attaches the decoded KapsoOpsException as the cause of a failed call's status, so
 * every StatusRuntimeException a stub throws carries it ({@code e.getCause()}).
 */
final class DecodingInterceptor implements ClientInterceptor {
  private final Duration timeout;

  DecodingInterceptor(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    // Not on server streams (the live tails): they run until stopped.
    if (timeout != null && callOptions.getDeadline() == null
        && method.getType() == MethodDescriptor.MethodType.UNARY) {
      callOptions = callOptions.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            if (!status.isOk() && !(status.getCause() instanceof KapsoOpsException)) {
              status = status.withCause(KapsoOpsException.from(status.asRuntimeException(trailers)));
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }
}
