#include "service/grpc_status.h"

#include <utility>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "kapso_client/status_details.h"

namespace kapso::service {

google::rpc::Status ToRpcStatus(const absl::Status& status, const SecretRedactor& redactor) {
  google::rpc::Status rpc_status;
  rpc_status.set_code(static_cast<int>(status.code()));
  if (status.ok()) return rpc_status;
  rpc_status.set_message(redactor.Redact(status.message()));
  bool has_error_info = false;
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    auto* detail = rpc_status.add_details();
    detail->set_type_url(std::string(type_url));
    detail->set_value(std::string(payload));
    if (type_url == "type.googleapis.com/google.rpc.ErrorInfo") {
      // Metadata values may hold text from Kapso (its request id): redacted.
      has_error_info = true;
      google::rpc::ErrorInfo info;
      bool changed = false;
      if (info.ParseFromString(detail->value())) {
        for (auto& [key, value] : *info.mutable_metadata()) {
          std::string redacted = redactor.Redact(value);
          changed |= redacted != value;
          value = std::move(redacted);
        }
      }
      // Rewritten only when a secret was removed: the bytes kapso-ops built
      // otherwise pass through as they are.
      if (changed) detail->set_value(info.SerializeAsString());
    }
  });
  if (!has_error_info) {
    google::rpc::ErrorInfo info;
    info.set_reason(absl::StatusCodeToString(status.code()));
    info.set_domain(std::string(client::kErrorDomain));
    rpc_status.add_details()->PackFrom(info);
  }
  return rpc_status;
}

grpc::Status ToGrpcStatus(const absl::Status& status, const SecretRedactor& redactor) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rpc_status = ToRpcStatus(status, redactor);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), rpc_status.message(),
                      rpc_status.SerializeAsString());
}

}  // namespace kapso::service
