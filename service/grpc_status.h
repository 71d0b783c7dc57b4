#ifndef SERVICE_GRPC_STATUS_H_
#define SERVICE_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "service/secret_redactor.h"

namespace kapso::service {

// An internal status as a google.rpc.Status message: the same code, the
// (redacted) message, and the status' detail payloads (ErrorInfo, RetryInfo,
// BadRequest). Every error has exactly one ErrorInfo; one is made from the
// code when the status has none. Used for per-source errors inside a
// response, and by ToGrpcStatus.
google::rpc::Status ToRpcStatus(const absl::Status& status, const SecretRedactor& redactor);

// The one mapping from an internal status to what a gRPC caller sees: the
// code and (redacted) message, and ToRpcStatus' google.rpc.Status in the
// grpc-status-details-bin trailer.
grpc::Status ToGrpcStatus(const absl::Status& status, const SecretRedactor& redactor);

}  // namespace kapso::service

#endif  // SERVICE_GRPC_STATUS_H_
