import type { ServiceError } from "@grpc/grpc-js";
import { status as GrpcStatus } from "@grpc/grpc-js";
import { Status } from "./gen/google/rpc/status";
import { BadRequest, ErrorInfo, RetryInfo } from "./gen/google/rpc/error_details";

/** ErrorInfo domain of every kapso-ops error. */
export const ERROR_DOMAIN = "ops.kapso.ai";

export interface FieldViolation {
  field: string;
  description: string;
}

interface ErrorInit {
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
  retryDelayMs?: number;
  fieldViolations?: FieldViolation[];
  status?: Status;
  cause?: unknown;
}

const TYPE_PREFIX = "type.googleapis.com/";

/**
 * A failed kapso-ops call with its google.rpc.Status details decoded:
 * ErrorInfo (reason, domain, metadata), RetryInfo (retryDelayMs), BadRequest.
 */
export class KapsoOpsError extends Error {
  /** The gRPC status code (grpc.status enum: compare with grpc.status.NOT_FOUND). */
  readonly code: GrpcStatus;
  /** The code's name, e.g. "NOT_FOUND". */
  readonly codeName: keyof typeof GrpcStatus;
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Record<string, string>;
  /** RetryInfo delay in milliseconds; undefined when the error has none. */
  readonly retryDelayMs: number | undefined;
  readonly fieldViolations: FieldViolation[];
  readonly status: Status | undefined;
  readonly cause: unknown;

  constructor(code: GrpcStatus, message: string, init: ErrorInit = {}) {
    super(`${GrpcStatus[code] ?? code}: ${message}${init.reason ? ` [${init.reason}]` : ""}`);
    this.name = "KapsoOpsError";
    this.code = code;
    this.codeName = (GrpcStatus[code] ?? "UNKNOWN") as keyof typeof GrpcStatus;
    this.reason = init.reason ?? "";
    this.domain = init.domain ?? "";
    this.metadata = init.metadata ?? {};
    this.retryDelayMs = init.retryDelayMs;
    this.fieldViolations = init.fieldViolations ?? [];
    this.status = init.status;
    this.cause = init.cause;
  }

  /** Kapso's HTTP status when Kapso answered (ErrorInfo metadata http_status). */
  get httpStatus(): number | undefined {
    const n = Number.parseInt(this.metadata["http_status"] ?? "", 10);
    return Number.isNaN(n) ? undefined : n;
  }

  /** Decodes a google.rpc.Status (e.g. `Count.error` of a response). */
  static fromStatus(status: Status, cause?: unknown): KapsoOpsError {
    const init: ErrorInit = { status, cause, fieldViolations: [] };
    for (const any of status.details) {
      const type = any.typeUrl.startsWith(TYPE_PREFIX) ? any.typeUrl.slice(TYPE_PREFIX.length) : any.typeUrl;
      if (type === "google.rpc.ErrorInfo") {
        const info = ErrorInfo.decode(any.value);
        init.reason = info.reason;
        init.domain = info.domain;
        init.metadata = { ...info.metadata };
      } else if (type === "google.rpc.RetryInfo") {
        const d = RetryInfo.decode(any.value).retryDelay;
        init.retryDelayMs = d ? Number(d.seconds) * 1000 + Math.round(d.nanos / 1e6) : 0;
      } else if (type === "google.rpc.BadRequest") {
        for (const v of BadRequest.decode(any.value).fieldViolations) {
          init.fieldViolations!.push({ field: v.field, description: v.description });
        }
      }
    }
    return new KapsoOpsError(status.code as GrpcStatus, status.message, init);
  }

  /** Decodes the error a grpc-js call returned (a ServiceError). */
  static fromServiceError(err: ServiceError | Error): KapsoOpsError {
    if (err instanceof KapsoOpsError) return err;
    const se = err as Partial<ServiceError>;
    const bin = se.metadata?.get("grpc-status-details-bin")?.[0];
    if (bin && typeof bin !== "string") {
      return KapsoOpsError.fromStatus(Status.decode(bin), err);
    }
    return new KapsoOpsError(se.code ?? GrpcStatus.UNKNOWN, se.details ?? err.message, { cause: err });
  }
}
