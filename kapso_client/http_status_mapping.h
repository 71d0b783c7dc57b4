#ifndef KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_
#define KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kapso_client/http_types.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

// The one mapping from a Kapso HTTP answer to a status. 2xx is OK; every
// other answer becomes an error whose message is Kapso's own ("error", else
// "message" of the JSON body), with an ErrorInfo (reason KAPSO_*, metadata
// http_status, kapso_method, kapso_path, kapso_request_id) and, whenever
// Kapso sent Retry-After (429, 503...), a RetryInfo:
//   400, 422  INVALID_ARGUMENT    KAPSO_INVALID_ARGUMENT
//   401       UNAUTHENTICATED     KAPSO_UNAUTHENTICATED
//   402       FAILED_PRECONDITION KAPSO_PAYMENT_REQUIRED (plan-gated feature)
//   403       PERMISSION_DENIED   KAPSO_PERMISSION_DENIED
//   404       NOT_FOUND           KAPSO_NOT_FOUND
//   409       ALREADY_EXISTS      KAPSO_CONFLICT
//   429       RESOURCE_EXHAUSTED  KAPSO_RATE_LIMITED
//   500-599   UNAVAILABLE         KAPSO_UNAVAILABLE (501: UNIMPLEMENTED)
//   other 4xx FAILED_PRECONDITION KAPSO_HTTP_ERROR
//   1xx, 3xx  UNKNOWN             KAPSO_HTTP_ERROR
//
// What Kapso sends is not trusted: its message passes SanitizeUpstreamText,
// its X-Request-Id is kept only when it is a plain token, and no RetryInfo
// exceeds `max_retry_after`.
struct ErrorMappingOptions {
  size_t max_error_text_bytes = 512;
  absl::Duration max_retry_after = absl::Minutes(5);
};
absl::Status StatusFromHttpResponse(const HttpRequest& request, const HttpResponse& response,
                                    const ErrorMappingOptions& options = {});

// The ErrorInfo metadata every error about one Kapso answer carries:
// http_status, kapso_method, kapso_path and, when Kapso sent a usable one,
// kapso_request_id.
Metadata ResponseMetadata(const HttpRequest& request, const HttpResponse& response);

// Retry-After as delta-seconds or an HTTP-date, relative to `now`, at most
// `max` (Kapso's windows are a minute; a larger value is an upstream fault
// that must not block callers for hours). Unparseable: nullopt.
std::optional<absl::Duration> ParseRetryAfter(const HttpResponse& response, absl::Time now,
                                              absl::Duration max = absl::Minutes(5));

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_
