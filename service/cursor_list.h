#ifndef SERVICE_CURSOR_LIST_H_
#define SERVICE_CURSOR_LIST_H_

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "kapso_client/kapso_requests.h"
#include "service/page_token.h"
#include "service/request_validation.h"
#include "service/unary_call.h"

namespace kapso::service {

// Serves an AIP-158 list RPC from one of Kapso's cursor-paged lists
// (messages, conversations, api_logs, webhook_deliveries): validates, turns
// the page token into Kapso's cursor, moves the envelope's `data` into
// `items` and issues the next page's token while Kapso has a next cursor.
template <typename Envelope, typename Request, typename Item>
grpc::ServerUnaryReactor* ServeCursorList(
    grpc::CallbackServerContext* context, const ServiceDeps& deps, const Request* request,
    absl::StatusOr<client::HttpRequest> (*build)(const Request&, const client::PageRequest&),
    google::protobuf::RepeatedPtrField<Item>* items, std::string* next_page_token) {
  UnaryCall* call = UnaryCall::Start(context, deps);
  if (!call->Check(Validate(*request))) return call;
  auto page = DecodePageToken(*request, request->page_token(), request->page_size());
  if (!call->Check(page.status())) return call;
  deps.client->template Fetch<Envelope>(
      build(*request, *page), call->request_context(),
      call->template Then<Envelope>([request, items, next_page_token](Envelope list) {
        items->Swap(list.mutable_data());
        if (!list.paging().next().empty()) {
          *next_page_token = EncodePageToken(*request, list.paging().next(), 0);
        }
        return absl::OkStatus();
      }));
  return call;
}

}  // namespace kapso::service

#endif  // SERVICE_CURSOR_LIST_H_
