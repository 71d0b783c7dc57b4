#include "kapso_client/webhook_deliveries.h"

#include "kapso_client/request_building.h"

namespace kapso::client {

absl::StatusOr<HttpRequest> BuildListWebhookDeliveries(
    const v1::ListWebhookDeliveriesRequest& request, const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/webhook_deliveries"};
  http.query.emplace_back("period", std::string(PeriodParam(request.period())));
  AddFilter(http.query, "status", request.status());
  AddFilter(http.query, "event", request.event());
  AddFilter(http.query, "webhook_id", request.webhook_id());
  if (request.errors_only()) http.query.emplace_back("errors_only", "true");
  AddCursorPage(http.query, page);
  return http;
}

std::optional<PageRequest> TakeDeliveryPage(const PageRequest& page, wire::DeliveryList& list,
                                            v1::ListWebhookDeliveriesResponse* response) {
  return TakeCursorPage(page, list, response->mutable_deliveries());
}

}  // namespace kapso::client
