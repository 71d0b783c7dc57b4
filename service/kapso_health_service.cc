#include "service/kapso_health_service.h"

#include <memory>

#include "kapso_client/api_logs.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/phone_numbers.h"
#include "kapso_client/webhook_deliveries.h"
#include "service/fetch_branch.h"
#include "service/item_counter.h"
#include "service/phone_number_digits.h"
#include "service/phone_number_directory.h"
#include "service/phone_number_health.h"
#include "service/request_validation.h"
#include "service/unary_call.h"

namespace kapso::service {
namespace {

namespace wire = ::kapso::internal::wire;
using client::PageRequest;

// Starts counting one log list into `out`.
template <typename Envelope, typename Request>
void CountInto(UnaryCall* call, Request filters,
               absl::StatusOr<client::HttpRequest> (*build)(const Request&, const PageRequest&),
               v1::Count* out, std::shared_ptr<Join> join) {
  const ServiceDeps& deps = call->deps();
  ItemCounter<Envelope>::Count(
      deps.client, call->request_context(), deps.redactor, deps.overview_count_limit,
      [filters = std::move(filters), build](const PageRequest& page) {
        return build(filters, page);
      },
      [out, join](v1::Count count) {
        out->Swap(&count);
        join->Arrive();
      });
}

// The phone numbers (first page): the repeated field, the total and the
// error are written by this branch alone; the counters write their own
// Count messages.
void FetchPhoneNumbers(UnaryCall* call, v1::ProjectOverview* response, std::shared_ptr<Join> join) {
  PageRequest first_page;
  first_page.page_size = 100;
  FetchBranch<wire::PhoneNumberList>(
      call, client::BuildListPhoneNumbers(first_page), std::move(join),
      [response](wire::PhoneNumberList& list) {
        response->mutable_phone_numbers()->Swap(list.mutable_data());
        response->set_phone_numbers_total(list.meta().total_count());
      },
      [response](google::rpc::Status error) {
        *response->mutable_phone_numbers_error() = std::move(error);
      });
}

// The four counts: API calls and webhook deliveries in the period, all and
// failed. Every Count message is created before the branches start, so no
// branch writes to the response's own fields while another runs.
void CountLogs(UnaryCall* call, v1::ProjectOverview* response, const std::shared_ptr<Join>& join) {
  v1::ListApiLogsRequest api_calls;
  api_calls.set_period(response->period());
  v1::ListApiLogsRequest api_failures = api_calls;
  api_failures.set_errors_only(true);
  v1::ListWebhookDeliveriesRequest deliveries;
  deliveries.set_period(response->period());
  v1::ListWebhookDeliveriesRequest delivery_failures = deliveries;
  delivery_failures.set_errors_only(true);
  v1::Count* counts[] = {response->mutable_api_calls_total(), response->mutable_api_calls_failed(),
                         response->mutable_webhook_deliveries_total(),
                         response->mutable_webhook_deliveries_failed()};
  CountInto<wire::ApiLogList>(call, api_calls, &client::BuildListApiLogs, counts[0], join);
  CountInto<wire::ApiLogList>(call, api_failures, &client::BuildListApiLogs, counts[1], join);
  CountInto<wire::DeliveryList>(call, deliveries, &client::BuildListWebhookDeliveries, counts[2],
                                join);
  CountInto<wire::DeliveryList>(call, delivery_failures, &client::BuildListWebhookDeliveries,
                                counts[3], join);
}

}  // namespace

grpc::ServerUnaryReactor* KapsoHealthService::GetProjectOverview(
    grpc::CallbackServerContext* context, const v1::GetProjectOverviewRequest* request,
    v1::ProjectOverview* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  response->set_period(request->period() == v1::PERIOD_UNSPECIFIED ? v1::PERIOD_24H
                                                                   : request->period());
  std::shared_ptr<Join> join = CompleteWhenJoined(call, 5);
  CountLogs(call, response, join);
  FetchPhoneNumbers(call, response, std::move(join));
  return call;
}

grpc::ServerUnaryReactor* KapsoHealthService::CheckPhoneNumberHealth(
    grpc::CallbackServerContext* context, const v1::CheckPhoneNumberHealthRequest* request,
    v1::PhoneNumberHealth* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  FetchPhoneNumberHealth(deps_.client, call->request_context(), request->phone_number_id(),
                         call->Then<v1::PhoneNumberHealth>([response](v1::PhoneNumberHealth h) {
                           response->Swap(&h);
                           return absl::OkStatus();
                         }));
  return call;
}

grpc::ServerUnaryReactor* KapsoHealthService::ResolvePhoneNumber(
    grpc::CallbackServerContext* context, const v1::ResolvePhoneNumberRequest* request,
    v1::PhoneNumber* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(PhoneNumberDigits(request->phone_number()).status())) return call;
  deps_.phone_numbers->Resolve(call->request_context(), request->phone_number(),
                               call->Then<v1::PhoneNumber>([response](v1::PhoneNumber number) {
                                 response->Swap(&number);
                                 return absl::OkStatus();
                               }));
  return call;
}

}  // namespace kapso::service
