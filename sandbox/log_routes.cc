#include "sandbox/log_routes.h"

#include "absl/time/clock.h"
#include "sandbox/cursor_paging.h"
#include "sandbox/json_filter.h"
#include "sandbox/query_params.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

bool IsErrorLog(const json& log) {
  auto status = log.find("response_status");
  return status != log.end() && status->is_number_integer() && status->get<int>() >= 400;
}

bool IsFailedDelivery(const json& delivery) {
  auto status = delivery.find("status");
  return status != delivery.end() && *status == "failed";
}

absl::StatusOr<JsonFilter> ApiLogFilter(const httplib::Request& req) {
  JsonFilterBuilder builder(req);
  builder.Contains("endpoint", "/endpoint")
      .IntEquals("status_code", "/response_status")
      .WhenTrue("errors_only", IsErrorLog);
  return builder.Build();
}

absl::StatusOr<JsonFilter> DeliveryFilter(const httplib::Request& req) {
  JsonFilterBuilder builder(req);
  builder.OneOf("status", "/status", {"pending", "delivered", "failed"})
      .Exact("event", "/event")
      .Exact("webhook_id", "/webhook_id")
      .WhenTrue("errors_only", IsFailedDelivery);
  return builder.Build();
}

// Both collections page on created_at and are scoped by `period`.
absl::Status WriteLogList(const httplib::Request& req, httplib::Response& res,
                          const std::vector<Record>& records,
                          const absl::StatusOr<JsonFilter>& filter) {
  absl::StatusOr<absl::Duration> period = PeriodParam(req);
  if (!period.ok()) return period.status();
  return WriteCursorList(req, res, records, filter, "created_at", absl::Now() - *period);
}

}  // namespace

void AddLogRoutes(Router& router, SandboxStore& store) {
  router.Add("GET", "/platform/v1/api_logs",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               return WriteLogList(req, res, store.seed()->api_logs, ApiLogFilter(req));
             });
  router.Add("GET", "/platform/v1/webhook_deliveries",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               return WriteLogList(req, res, store.seed()->webhook_deliveries, DeliveryFilter(req));
             });
}

}  // namespace kapso::sandbox
