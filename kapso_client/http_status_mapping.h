#ifndef KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_
#define KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kapso_client/http_types.h"

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
absl::Status StatusFromHttpResponse(const HttpRequest& request, const HttpResponse& response);

// Retry-After as delta-seconds or an HTTP-date, relative to `now`.
std::optional<absl::Duration> ParseRetryAfter(const HttpResponse& response, absl::Time now);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_HTTP_STATUS_MAPPING_H_
