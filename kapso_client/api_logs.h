#ifndef KAPSO_CLIENT_API_LOGS_H_
#define KAPSO_CLIENT_API_LOGS_H_

// Kapso's /api_logs: how ListApiLogs (and the triage and tails that read
// it) ask for a page (envelope: kapso/internal/wire/api_logs.proto) and how
// it is read back.

#include <optional>

#include "absl/status/statusor.h"
#include "kapso/internal/wire/api_logs.pb.h"
#include "kapso/ops/v1/triage.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

absl::StatusOr<HttpRequest> BuildListApiLogs(const v1::ListApiLogsRequest& request,
                                             const PageRequest& page);

// Moves the page's log entries into `response`; the next page, if any.
std::optional<PageRequest> TakeApiLogPage(const PageRequest& page, wire::ApiLogList& list,
                                          v1::ListApiLogsResponse* response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_API_LOGS_H_
