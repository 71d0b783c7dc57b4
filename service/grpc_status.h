#ifndef SERVICE_GRPC_STATUS_H_
#define SERVICE_GRPC_STATUS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace kapso::service {

// Removes known secrets (API keys, webhook secrets in flight) from text that
// leaves the process: error messages and logs.
class SecretRedactor {
 public:
  explicit SecretRedactor(std::vector<std::string> secrets);
  std::string Redact(absl::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

// The one mapping from an internal status to what a gRPC caller sees: the
// same code and (redacted) message, and a google.rpc.Status in the
// grpc-status-details-bin trailer carrying the status' detail payloads
// (ErrorInfo, RetryInfo, BadRequest). Every error has exactly one ErrorInfo;
// one is made from the code when the status has none.
// The same, as a google.rpc.Status message (for per-source errors inside a
// response).
google::rpc::Status ToRpcStatus(const absl::Status& status, const SecretRedactor& redactor);

grpc::Status ToGrpcStatus(const absl::Status& status, const SecretRedactor& redactor);

}  // namespace kapso::service

#endif  // SERVICE_GRPC_STATUS_H_
