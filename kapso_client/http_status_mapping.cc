#include "kapso_client/http_status_mapping.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "kapso_client/status_details.h"
#include "kapso_client/upstream_text.h"

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

// Retry-After as Kapso sent it: delta-seconds (negative: now) or an
// HTTP-date; nullopt when absent or unreadable.
std::optional<absl::Duration> ParseRetryAfterUncapped(const HttpResponse& response,
                                                      absl::Time now) {
  const std::string* value = response.Header("retry-after");
  if (value == nullptr) return std::nullopt;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(*value, &seconds)) {
    return seconds < 0 ? absl::ZeroDuration() : absl::Seconds(seconds);
  }
  // Digits past int64: a (hostile) "forever", which the caller caps.
  if (!value->empty() && std::all_of(value->begin(), value->end(), absl::ascii_isdigit)) {
    return absl::InfiniteDuration();
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

}  // namespace

std::optional<absl::Duration> ParseRetryAfter(const HttpResponse& response, absl::Time now,
                                              absl::Duration max) {
  std::optional<absl::Duration> delay = ParseRetryAfterUncapped(response, now);
  if (delay.has_value()) delay = std::clamp(*delay, absl::ZeroDuration(), max);
  return delay;
}

Metadata ResponseMetadata(const HttpRequest& request, const HttpResponse& response) {
  Metadata metadata = {{"http_status", absl::StrCat(response.status)},
                       {"kapso_method", std::string(HttpMethodName(request.method))},
                       {"kapso_path", request.path}};
  const std::string* id = response.Header("x-request-id");
  if (id != nullptr && IsHeaderToken(*id, 128)) metadata.emplace_back("kapso_request_id", *id);
  return metadata;
}

absl::Status StatusFromHttpResponse(const HttpRequest& request, const HttpResponse& response,
                                    const ErrorMappingOptions& options) {
  if (response.status >= 200 && response.status <= 299) return absl::OkStatus();
  Mapping mapping = MapHttpStatus(response.status);
  std::string message =
      SanitizeUpstreamText(KapsoMessage(response.body), options.max_error_text_bytes);
  if (message.empty()) message = absl::StrCat("Kapso answered HTTP ", response.status);
  absl::Status status =
      MakeError(mapping.code, message, mapping.reason, ResponseMetadata(request, response));
  auto delay = ParseRetryAfter(response, absl::Now(), options.max_retry_after);
  if (delay.has_value()) SetRetryDelay(status, *delay);
  return status;
}

}  // namespace kapso::client
