#ifndef KAPSO_CLIENT_WEBHOOK_DELIVERIES_H_
#define KAPSO_CLIENT_WEBHOOK_DELIVERIES_H_

// Kapso's /webhook_deliveries: how ListWebhookDeliveries (and the triage
// and tails that read it) ask for a page (envelope:
// kapso/internal/wire/webhook_deliveries.proto) and how it is read back.

#include <optional>

#include "absl/status/statusor.h"
#include "kapso/internal/wire/webhook_deliveries.pb.h"
#include "kapso/ops/v1/triage.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

absl::StatusOr<HttpRequest> BuildListWebhookDeliveries(
    const v1::ListWebhookDeliveriesRequest& request, const PageRequest& page);

// Moves the page's deliveries into `response`; the next page, if any.
std::optional<PageRequest> TakeDeliveryPage(const PageRequest& page, wire::DeliveryList& list,
                                            v1::ListWebhookDeliveriesResponse* response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_WEBHOOK_DELIVERIES_H_
