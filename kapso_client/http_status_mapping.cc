#include "kapso_client/http_status_mapping.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

struct Mapping {
  absl::StatusCode code;
  const char* reason;
};

Mapping MapHttpStatus(int status) {
  switch (status) {
    case 400:
    case 422:
      return {absl::StatusCode::kInvalidArgument, "KAPSO_INVALID_ARGUMENT"};
    case 401:
      return {absl::StatusCode::kUnauthenticated, "KAPSO_UNAUTHENTICATED"};
    case 402:
      return {absl::StatusCode::kFailedPrecondition, "KAPSO_PAYMENT_REQUIRED"};
    case 403:
      return {absl::StatusCode::kPermissionDenied, "KAPSO_PERMISSION_DENIED"};
    case 404:
      return {absl::StatusCode::kNotFound, "KAPSO_NOT_FOUND"};
    case 409:
      return {absl::StatusCode::kAlreadyExists, "KAPSO_CONFLICT"};
    case 429:
      return {absl::StatusCode::kResourceExhausted, "KAPSO_RATE_LIMITED"};
    case 501:
      return {absl::StatusCode::kUnimplemented, "KAPSO_UNAVAILABLE"};
  }
  if (status >= 500 && status <= 599) return {absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"};
  if (status >= 400 && status <= 499) {
    return {absl::StatusCode::kFailedPrecondition, "KAPSO_HTTP_ERROR"};
  }
  return {absl::StatusCode::kUnknown, "KAPSO_HTTP_ERROR"};
}

// Kapso's message from {"error": "..."} or {"message": "..."}; "" otherwise.
std::string KapsoMessage(const std::string& body) {
  google::protobuf::Struct parsed;
  if (body.empty() || !google::protobuf::util::JsonStringToMessage(body, &parsed).ok()) return "";
  for (const char* key : {"error", "message"}) {
    auto it = parsed.fields().find(key);
    if (it != parsed.fields().end() && it->second.has_string_value()) {
      return it->second.string_value();
    }
  }
  return "";
}

}  // namespace

std::optional<absl::Duration> ParseRetryAfter(const HttpResponse& response, absl::Time now) {
  const std::string* value = response.Header("retry-after");
  if (value == nullptr) return std::nullopt;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(*value, &seconds)) {
    return seconds < 0 ? absl::ZeroDuration() : absl::Seconds(seconds);
  }
  // An HTTP-date is IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), whose
  // literal "GMT" RFC1123_full's %z does not accept; the numeric offset form
  // is kept for lenient servers.
  for (const char* format : {"%a, %d %b %E4Y %H:%M:%S GMT", absl::RFC1123_full}) {
    absl::Time when;
    std::string error;
    if (absl::ParseTime(format, *value, &when, &error)) {
      return when > now ? when - now : absl::ZeroDuration();
    }
  }
  return std::nullopt;
}

absl::Status StatusFromHttpResponse(const HttpRequest& request, const HttpResponse& response) {
  if (response.status >= 200 && response.status <= 299) return absl::OkStatus();
  Mapping mapping = MapHttpStatus(response.status);
  std::string message = KapsoMessage(response.body);
  if (message.empty()) message = absl::StrCat("Kapso answered HTTP ", response.status);
  Metadata metadata = {{"http_status", absl::StrCat(response.status)},
                       {"kapso_method", std::string(HttpMethodName(request.method))},
                       {"kapso_path", request.path}};
  if (const std::string* id = response.Header("x-request-id")) {
    metadata.emplace_back("kapso_request_id", *id);
  }
  absl::Status status = MakeError(mapping.code, message, mapping.reason, metadata);
  if (auto delay = ParseRetryAfter(response, absl::Now()); delay.has_value()) {
    SetRetryDelay(status, *delay);
  }
  return status;
}

}  // namespace kapso::client
