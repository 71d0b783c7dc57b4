#include "kapso_client/api_logs.h"

#include "absl/strings/str_cat.h"
#include "kapso_client/request_building.h"

namespace kapso::client {

absl::StatusOr<HttpRequest> BuildListApiLogs(const v1::ListApiLogsRequest& request,
                                             const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/api_logs"};
  http.query.emplace_back("period", std::string(PeriodParam(request.period())));
  AddFilter(http.query, "endpoint", request.endpoint());
  if (request.status_code() != 0) {
    http.query.emplace_back("status_code", absl::StrCat(request.status_code()));
  }
  if (request.errors_only()) http.query.emplace_back("errors_only", "true");
  AddCursorPage(http.query, page);
  return http;
}

std::optional<PageRequest> TakeApiLogPage(const PageRequest& page, wire::ApiLogList& list,
                                          v1::ListApiLogsResponse* response) {
  return TakeCursorPage(page, list, response->mutable_api_logs());
}

}  // namespace kapso::client
