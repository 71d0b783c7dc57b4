#include "service/triage_service.h"

#include <memory>

#include "kapso_client/api_logs.h"
#include "kapso_client/messages.h"
#include "kapso_client/webhook_deliveries.h"
#include "service/delivery_timeline.h"
#include "service/failed_messages_filter.h"
#include "service/fetch_branch.h"
#include "service/serve_list.h"
#include "service/triage_request.h"
#include "service/triage_runner.h"

namespace kapso::service {
namespace {

namespace wire = ::kapso::internal::wire;
using client::PageRequest;

// Fetches one source of ListMessageErrors into `section`: its items
// (`take` moves them in), whether Kapso has more, or the source's own error.
template <typename Envelope, typename Section, typename Take>
void FetchSection(UnaryCall* call, absl::StatusOr<client::HttpRequest> request, Section* section,
                  std::shared_ptr<Join> join, Take take) {
  FetchBranch<Envelope>(
      call, std::move(request), std::move(join),
      [section, take](Envelope& list) {
        take(list, *section);
        section->set_has_more(!list.paging().next().empty());
      },
      [section](google::rpc::Status error) { *section->mutable_error() = std::move(error); });
}

// The three sources' filters, from the request.
struct ErrorSources {
  v1::ListMessagesRequest failed;
  v1::ListApiLogsRequest api_errors;
  v1::ListWebhookDeliveriesRequest delivery_errors;
  PageRequest page;
};

ErrorSources SourcesOf(const v1::ListMessageErrorsRequest& request) {
  ErrorSources sources;
  sources.page.page_size = request.limit() == 0 ? 20 : request.limit();
  sources.failed = FailedOutboundMessages(request.phone_number(), request.phone_number_id());
  sources.api_errors.set_period(request.period());
  sources.api_errors.set_errors_only(true);
  sources.delivery_errors.set_period(request.period());
  sources.delivery_errors.set_errors_only(true);
  return sources;
}

void FetchErrorSources(UnaryCall* call, const ErrorSources& sources,
                       v1::ListMessageErrorsResponse* response) {
  std::shared_ptr<Join> join = CompleteWhenJoined(call, 3);
  FetchSection<wire::MessageList>(call, client::BuildListMessages(sources.failed, sources.page),
                                  response->mutable_failed_messages(), join,
                                  [](wire::MessageList& list, v1::FailedMessages& section) {
                                    section.mutable_messages()->Swap(list.mutable_data());
                                    for (v1::Message& message : *section.mutable_messages())
                                      AddDeliveryTimeline(message);
                                  });
  FetchSection<wire::ApiLogList>(call, client::BuildListApiLogs(sources.api_errors, sources.page),
                                 response->mutable_api_errors(), join,
                                 [](wire::ApiLogList& list, v1::ApiErrors& section) {
                                   section.mutable_api_logs()->Swap(list.mutable_data());
                                 });
  FetchSection<wire::DeliveryList>(
      call, client::BuildListWebhookDeliveries(sources.delivery_errors, sources.page),
      response->mutable_delivery_errors(), join,
      [](wire::DeliveryList& list, v1::DeliveryErrors& section) {
        section.mutable_deliveries()->Swap(list.mutable_data());
      });
}

}  // namespace

grpc::ServerUnaryReactor* TriageService::ListMessageErrors(
    grpc::CallbackServerContext* context, const v1::ListMessageErrorsRequest* request,
    v1::ListMessageErrorsResponse* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  FetchErrorSources(call, SourcesOf(*request), response);
  return call;
}

grpc::ServerUnaryReactor* TriageService::ListApiLogs(grpc::CallbackServerContext* context,
                                                     const v1::ListApiLogsRequest* request,
                                                     v1::ListApiLogsResponse* response) {
  return ServeList(context, deps_, request, &client::BuildListApiLogs, &client::TakeApiLogPage,
                   response);
}

grpc::ServerUnaryReactor* TriageService::ListWebhookDeliveries(
    grpc::CallbackServerContext* context, const v1::ListWebhookDeliveriesRequest* request,
    v1::ListWebhookDeliveriesResponse* response) {
  return ServeList(context, deps_, request, &client::BuildListWebhookDeliveries,
                   &client::TakeDeliveryPage, response);
}

grpc::ServerUnaryReactor* TriageService::RunTriage(grpc::CallbackServerContext* context,
                                                   const v1::RunTriageRequest* request,
                                                   v1::TriageReport* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(ValidateRunTriage(*request))) return call;
  StartTriage(call, *request, response);
  return call;
}

}  // namespace kapso::service
