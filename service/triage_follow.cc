// Triage's live tails (FollowMessageErrors, FollowApiLogs,
// FollowWebhookDeliveries): each the list RPC's filters over a shared
// poller (follow_registry.h).
#include <memory>

#include "absl/strings/numbers.h"
#include "kapso_client/api_logs.h"
#include "kapso_client/messages.h"
#include "kapso_client/webhook_deliveries.h"
#include "service/delivery_timeline.h"
#include "service/failed_messages_filter.h"
#include "service/follow_source.h"
#include "service/request_validation.h"
#include "service/serve_follow.h"
#include "service/triage_service.h"

namespace kapso::service {
namespace {

namespace wire = ::kapso::internal::wire;

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

FollowItemKey ApiLogKey(const v1::ApiLog& log) { return {TimeOf(log.created_at()), log.id()}; }

FollowItemKey DeliveryKey(const v1::WebhookDelivery& delivery) {
  return {TimeOf(delivery.created_at()), delivery.id()};
}

// Messages carry Meta's send time (Unix seconds as text), the order of
// Kapso's message list. One that cannot be read sorts first (and so is
// taken as old): a stream never loops on it.
FollowItemKey MessageKey(const v1::Message& message) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(message.timestamp(), &seconds)) return {absl::InfinitePast(), message.id()};
  return {absl::FromUnixSeconds(seconds), message.id()};
}

template <typename Request>
void SetPeriod(Request& request, v1::Period period) {
  request.set_period(period);
}
void NoPeriod(v1::ListMessagesRequest&, v1::Period) {}  // Kapso's message list has none

v1::ListApiLogsRequest ApiLogFilters(const v1::FollowApiLogsRequest& request) {
  v1::ListApiLogsRequest list;
  list.set_endpoint(request.endpoint());
  list.set_status_code(request.status_code());
  list.set_errors_only(request.errors_only());
  return list;
}

v1::ListWebhookDeliveriesRequest DeliveryFilters(
    const v1::FollowWebhookDeliveriesRequest& request) {
  v1::ListWebhookDeliveriesRequest list;
  list.set_status(request.status());
  list.set_event(request.event());
  list.set_webhook_id(request.webhook_id());
  list.set_errors_only(request.errors_only());
  return list;
}

// As the failed_messages source of ListMessageErrors.
v1::ListMessagesRequest FailedMessageFilters(const v1::FollowMessageErrorsRequest& request) {
  return FailedOutboundMessages(request.phone_number(), request.phone_number_id());
}

v1::ListMessageErrorsRequest MessageErrorChecks(const v1::FollowMessageErrorsRequest& request) {
  v1::ListMessageErrorsRequest list;
  list.set_phone_number(request.phone_number());
  list.set_phone_number_id(request.phone_number_id());
  return list;
}

template <typename Item, typename Repeated>
void FillItems(const FollowBatch& items, Repeated* out) {
  for (const FollowItem& item : items) out->Add()->CopyFrom(static_cast<const Item&>(*item.item));
}

}  // namespace

grpc::ServerWriteReactor<v1::FollowApiLogsResponse>* TriageService::FollowApiLogs(
    grpc::CallbackServerContext* context, const v1::FollowApiLogsRequest* request) {
  v1::ListApiLogsRequest filters = ApiLogFilters(*request);
  return ServeFollow<v1::FollowApiLogsResponse>(
      context, deps_, *request, Validate(filters),
      [filters] {
        return std::make_shared<
            ListFollowSource<wire::ApiLogList, v1::ListApiLogsRequest, v1::ApiLog>>(
            filters, &client::BuildListApiLogs, &ApiLogKey, &SetPeriod<v1::ListApiLogsRequest>);
      },
      [](const FollowBatch& items, v1::FollowApiLogsResponse* response) {
        FillItems<v1::ApiLog>(items, response->mutable_api_logs());
      });
}

grpc::ServerWriteReactor<v1::FollowWebhookDeliveriesResponse>*
TriageService::FollowWebhookDeliveries(grpc::CallbackServerContext* context,
                                       const v1::FollowWebhookDeliveriesRequest* request) {
  v1::ListWebhookDeliveriesRequest filters = DeliveryFilters(*request);
  return ServeFollow<v1::FollowWebhookDeliveriesResponse>(
      context, deps_, *request, Validate(filters),
      [filters] {
        return std::make_shared<ListFollowSource<
            wire::DeliveryList, v1::ListWebhookDeliveriesRequest, v1::WebhookDelivery>>(
            filters, &client::BuildListWebhookDeliveries, &DeliveryKey,
            &SetPeriod<v1::ListWebhookDeliveriesRequest>);
      },
      [](const FollowBatch& items, v1::FollowWebhookDeliveriesResponse* response) {
        FillItems<v1::WebhookDelivery>(items, response->mutable_deliveries());
      });
}

grpc::ServerWriteReactor<v1::FollowMessageErrorsResponse>* TriageService::FollowMessageErrors(
    grpc::CallbackServerContext* context, const v1::FollowMessageErrorsRequest* request) {
  v1::ListMessagesRequest filters = FailedMessageFilters(*request);
  return ServeFollow<v1::FollowMessageErrorsResponse>(
      context, deps_, *request, Validate(MessageErrorChecks(*request)),
      [filters] {
        return std::make_shared<
            ListFollowSource<wire::MessageList, v1::ListMessagesRequest, v1::Message>>(
            filters, &client::BuildListMessages, &MessageKey, &NoPeriod);
      },
      [](const FollowBatch& items, v1::FollowMessageErrorsResponse* response) {
        FillItems<v1::Message>(items, response->mutable_messages());
        // As ListMessageErrors: each failed message with its timeline.
        for (v1::Message& message : *response->mutable_messages()) AddDeliveryTimeline(message);
      });
}

}  // namespace kapso::service
