#include "cli/cli_status.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"

namespace kapso::cli {
namespace {

constexpr char kRpcStatusUrl[] = "type.googleapis.com/google.rpc.Status";
constexpr char kUsageUrl[] = "kapso-ops.cli/usage";
constexpr char kCodeUrl[] = "kapso-ops.cli/code";

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  google::rpc::Status details;
  // Only the server attaches details; a transport failure has none.
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    result.SetPayload(kRpcStatusUrl, absl::Cord(status.error_details()));
  }
  return result;
}

std::optional<google::rpc::Status> RpcStatusOf(const absl::Status& status) {
  auto payload = status.GetPayload(kRpcStatusUrl);
  google::rpc::Status details;
  if (!payload || !details.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return details;
}

absl::Status UsageError(absl::string_view message, absl::string_view flag) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsageUrl, absl::Cord(flag));
  return status;
}

absl::Status AsUsageError(const absl::Status& status) {
  absl::string_view message = status.message();
  std::string flag;
  // Parser messages read "--flag-name: what is wrong".
  if (absl::StartsWith(message, "--")) {
    flag = std::string(message.substr(2, message.find(':') - 2));
  }
  return UsageError(message, flag);
}

bool IsUsageError(const absl::Status& status) { return status.GetPayload(kUsageUrl).has_value(); }

std::string UsageErrorFlag(const absl::Status& status) {
  auto flag = status.GetPayload(kUsageUrl);
  return flag ? std::string(*flag) : "";
}

absl::Status InvalidSignatureError(absl::string_view message) {
  absl::Status status = absl::UnauthenticatedError(message);
  status.SetPayload(kCodeUrl, absl::Cord("INVALID_SIGNATURE"));
  return status;
}

std::string ErrorCodeName(const absl::Status& status) {
  if (auto code = status.GetPayload(kCodeUrl)) {
    return std::string(*code);
  }
  return absl::StatusCodeToString(status.code());
}

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (IsUsageError(status)) return kExitUsage;
  const bool transport = status.code() == absl::StatusCode::kUnavailable ||
                         status.code() == absl::StatusCode::kDeadlineExceeded;
  if (transport && !RpcStatusOf(status).has_value()) return kExitUnreachable;
  return kExitFailure;
}

}  // namespace kapso::cli
