#ifndef KAPSO_CLIENT_STATUS_DETAILS_H_
#define KAPSO_CLIENT_STATUS_DETAILS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/rpc/error_details.pb.h"

namespace kapso::client {

// Errors inside kapso-ops are absl::Status values whose payloads are the
// google.rpc detail messages the gRPC edge will send: an ErrorInfo (reason,
// domain, metadata), a RetryInfo, a BadRequest. Payload keys are the details'
// type URLs, so the edge packs them without knowing what they are.
inline constexpr absl::string_view kErrorDomain = "ops.kapso.ai";

using Metadata = std::vector<std::pair<std::string, std::string>>;

// A status with an ErrorInfo of `reason` and `metadata`.
absl::Status MakeError(absl::StatusCode code, absl::string_view message, absl::string_view reason,
                       const Metadata& metadata = {});

// Replaces the status' ErrorInfo metadata entry `key`.
void SetErrorMetadata(absl::Status& status, absl::string_view key, absl::string_view value);

// Attaches a RetryInfo telling the caller when to try again.
void SetRetryDelay(absl::Status& status, absl::Duration delay);

// An INVALID_ARGUMENT status with reason INVALID_ARGUMENT and a BadRequest
// naming each offending field.
absl::Status InvalidArgument(std::vector<std::pair<std::string, std::string>> field_violations);

std::optional<google::rpc::ErrorInfo> GetErrorInfo(const absl::Status& status);
std::optional<absl::Duration> GetRetryDelay(const absl::Status& status);
std::optional<google::rpc::BadRequest> GetBadRequest(const absl::Status& status);

// The status' ErrorInfo reason, or "" when it has none.
std::string ErrorReason(const absl::Status& status);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_STATUS_DETAILS_H_
