#include "service/triage_service.h"

#include <memory>

#include "kapso/internal/wire.pb.h"
#include "service/cursor_list.h"
#include "service/delivery_timeline.h"
#include "service/fan_out.h"
#include "service/triage_request.h"
#include "service/triage_runner.h"

namespace kapso::service {
namespace {

namespace wire = ::kapso::internal::wire;
using client::PageRequest;

// Fetches one source of ListMessageErrors into `section`: its items, whether
// Kapso has more, or the source's own error. Sections are distinct messages,
// so concurrent branches never touch the same memory.
template <typename Envelope, typename Section, typename Fill>
void FetchSection(UnaryCall* call, absl::StatusOr<client::HttpRequest> request, Section* section,
                  std::shared_ptr<Join> join, Fill fill) {
  const SecretRedactor* redactor = call->deps().redactor;
  call->deps().client->template Fetch<Envelope>(
      std::move(request), call->request_context(),
      [section, join, redactor, fill = std::move(fill)](absl::StatusOr<Envelope> list) mutable {
        if (list.ok()) {
          fill(*list, *section);
          section->set_has_more(!list->paging().next().empty());
        } else {
          *section->mutable_error() = ToRpcStatus(list.status(), *redactor);
        }
        join->Arrive();
      });
}

}  // namespace

grpc::ServerUnaryReactor* TriageService::ListMessageErrors(
    grpc::CallbackServerContext* context, const v1::ListMessageErrorsRequest* request,
    v1::ListMessageErrorsResponse* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  PageRequest page;
  page.page_size = request->limit() == 0 ? 20 : request->limit();
  v1::ListMessagesRequest failed;
  failed.set_status("failed");
  failed.set_direction("outbound");
  failed.set_phone_number(request->phone_number());
  failed.set_phone_number_id(request->phone_number_id());
  v1::ListApiLogsRequest api_errors;
  api_errors.set_period(request->period());
  api_errors.set_errors_only(true);
  v1::ListWebhookDeliveriesRequest delivery_errors;
  delivery_errors.set_period(request->period());
  delivery_errors.set_errors_only(true);

  auto join = std::make_shared<Join>(3, [call] { call->Complete(absl::OkStatus()); });
  FetchSection<wire::MessageList>(
      call, client::BuildListMessages(failed, page), response->mutable_failed_messages(), join,
      [](wire::MessageList& list, v1::FailedMessages& section) {
        section.mutable_messages()->Swap(list.mutable_data());
        for (v1::Message& message : *section.mutable_messages()) AddDeliveryTimeline(message);
      });
  FetchSection<wire::ApiLogList>(
      call, client::BuildListApiLogs(api_errors, page), response->mutable_api_errors(), join,
      [](wire::ApiLogList& list, v1::ApiErrors& section) {
        section.mutable_api_logs()->Swap(list.mutable_data());
      });
  FetchSection<wire::DeliveryList>(
      call, client::BuildListWebhookDeliveries(delivery_errors, page),
      response->mutable_delivery_errors(), join,
      [](wire::DeliveryList& list, v1::DeliveryErrors& section) {
        section.mutable_deliveries()->Swap(list.mutable_data());
      });
  return call;
}

grpc::ServerUnaryReactor* TriageService::ListApiLogs(grpc::CallbackServerContext* context,
                                                     const v1::ListApiLogsRequest* request,
                                                     v1::ListApiLogsResponse* response) {
  return ServeCursorList<wire::ApiLogList>(context, deps_, request, &client::BuildListApiLogs,
                                           response->mutable_api_logs(),
                                           response->mutable_next_page_token());
}

grpc::ServerUnaryReactor* TriageService::ListWebhookDeliveries(
    grpc::CallbackServerContext* context, const v1::ListWebhookDeliveriesRequest* request,
    v1::ListWebhookDeliveriesResponse* response) {
  return ServeCursorList<wire::DeliveryList>(
      context, deps_, request, &client::BuildListWebhookDeliveries,
      response->mutable_deliveries(), response->mutable_next_page_token());
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
