#include "sandbox/api_error.h"

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"

namespace kapso::sandbox {
namespace {

constexpr char kHttpCodeUrl[] = "type.kapso.sandbox/http_code";
constexpr char kMessageUrl[] = "type.kapso.sandbox/message";

// The canonical code only matters for logs; the payload decides the answer.
absl::StatusCode CanonicalCodeFor(int http_code) {
  switch (http_code) {
    case 400:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 402:
      return absl::StatusCode::kFailedPrecondition;
    case 404:
      return absl::StatusCode::kNotFound;
    case 409:
      return absl::StatusCode::kAlreadyExists;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    default:
      return absl::StatusCode::kInternal;
  }
}

}  // namespace

absl::Status ApiError(int http_code, absl::string_view message) {
  absl::Status status(CanonicalCodeFor(http_code), message);
  status.SetPayload(kHttpCodeUrl, absl::Cord(std::to_string(http_code)));
  return status;
}

absl::Status ApiErrorWithMessage(int http_code, absl::string_view error,
                                 absl::string_view message) {
  absl::Status status = ApiError(http_code, error);
  status.SetPayload(kMessageUrl, absl::Cord(message));
  return status;
}

int HttpCodeOf(const absl::Status& status) {
  auto payload = status.GetPayload(kHttpCodeUrl);
  int code = 0;
  if (payload.has_value() && absl::SimpleAtoi(std::string(*payload), &code)) {
    return code;
  }
  return status.ok() ? 200 : 500;
}

std::optional<std::string> ExtraMessageOf(const absl::Status& status) {
  auto payload = status.GetPayload(kMessageUrl);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

}  // namespace kapso::sandbox
