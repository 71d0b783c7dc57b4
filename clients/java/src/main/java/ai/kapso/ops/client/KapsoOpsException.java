package ai.kapso.ops.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failed kapso-ops call with its {@code google.rpc.Status} details decoded: ErrorInfo (reason,
 * domain, metadata), RetryInfo (retry delay) and BadRequest (field violations).
 *
 * <pre>{@code
 * try { ops.webhooks().getWebhook(req); }
 * catch (StatusRuntimeException e) {
 *   KapsoOpsException err = KapsoOpsException.from(e);
 *   if ("KAPSO_NOT_FOUND".equals(err.reason())) { ... }
 * }
 * }</pre>
 */
public final class KapsoOpsException extends RuntimeException {
  /** ErrorInfo domain of every kapso-ops error. */
  public static final String DOMAIN = "ops.kapso.ai";

  /** One BadRequest field violation. */
  public record FieldViolation(String field, String description) {}

  private final Status.Code code;
  private final String statusMessage;
  private final String reason;
  private final String domain;
  private final Map<String, String> metadata;
  private final Duration retryDelay;
  private final List<FieldViolation> fieldViolations;

  private KapsoOpsException(
      Status.Code code,
      String statusMessage,
      String reason,
      String domain,
      Map<String, String> metadata,
      Duration retryDelay,
      List<FieldViolation> fieldViolations,
      Throwable cause) {
    super(code + ": " + statusMessage + (reason.isEmpty() ? "" : " [" + reason + "]"), cause);
    this.code = code;
    this.statusMessage = statusMessage;
    this.reason = reason;
    this.domain = domain;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.retryDelay = retryDelay;
    this.fieldViolations = Collections.unmodifiableList(fieldViolations);
  }

  /** Decodes a google.rpc.Status. */
  public static KapsoOpsException fromStatus(com.google.rpc.Status status, Throwable cause) {
    String reason = "";
    String domain = "";
    Map<String, String> metadata = new HashMap<>();
    Duration retryDelay = null;
    List<FieldViolation> violations = new ArrayList<>();
    for (Any detail : status.getDetailsList()) {
      try {
        if (detail.is(ErrorInfo.class)) {
          ErrorInfo info = detail.unpack(ErrorInfo.class);
          reason = info.getReason();
          domain = info.getDomain();
          metadata.putAll(info.getMetadataMap());
        } else if (detail.is(RetryInfo.class)) {
          com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
          retryDelay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
        } else if (detail.is(BadRequest.class)) {
          for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
            violations.add(new FieldViolation(v.getField(), v.getDescription()));
          }
        }
      } catch (InvalidProtocolBufferException e) {
        // A malformed detail is skipped; the status code and message still stand.
      }
    }
    return new KapsoOpsException(
        Status.fromCodeValue(status.getCode()).getCode(),
        status.getMessage(),
        reason,
        domain,
        metadata,
        retryDelay,
        violations,
        cause);
  }

  /** Decodes the exception a stub call threw (StatusRuntimeException or StatusException). */
  public static KapsoOpsException from(Throwable t) {
    if (t instanceof KapsoOpsException k) {
      return k;
    }
    // KapsoOps stubs attach the decoded exception as the cause (DecodingInterceptor);
    // futures wrap it once more in ExecutionException.
    for (Throwable c = t.getCause(), prev = t; c != null && c != prev; prev = c, c = c.getCause()) {
      if (c instanceof KapsoOpsException k) {
        return k;
      }
    }
    com.google.rpc.Status status = StatusProto.fromThrowable(t);
    if (status != null) {
      return fromStatus(status, t);
    }
    Status s = Status.fromThrowable(t);
    return new KapsoOpsException(
        s.getCode(),
        s.getDescription() == null ? "" : s.getDescription(),
        "",
        "",
        new HashMap<>(),
        null,
        new ArrayList<>(),
        t);
  }

  public Status.Code code() {
    return code;
  }

  public String statusMessage() {
    return statusMessage;
  }

  /** The ErrorInfo reason, e.g. "KAPSO_NOT_FOUND"; empty without ErrorInfo. */
  public String reason() {
    return reason;
  }

  public String domain() {
    return domain;
  }

  /** ErrorInfo metadata: http_status, kapso_method, kapso_path. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Kapso's HTTP status when Kapso answered. */
  public Optional<Integer> httpStatus() {
    try {
      return Optional.of(Integer.parseInt(metadata.getOrDefault("http_status", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The RetryInfo delay, when the error carries one. */
  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }

  public List<FieldViolation> fieldViolations() {
    return fieldViolations;
  }
}
