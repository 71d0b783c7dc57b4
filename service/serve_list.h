#ifndef SERVICE_SERVE_LIST_H_
#define SERVICE_SERVE_LIST_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"
#include "service/page_token.h"
#include "service/request_validation.h"
#include "service/unary_call.h"

namespace kapso::service {

// Serves an AIP-158 list RPC from one page of a Kapso list: validates, turns
// the page token into Kapso's page or cursor, sends build(request, page),
// lets the resource's `take` move the page into `response` and issues the
// next page's token while `take` answers one.
template <typename Envelope, typename Request, typename Response>
grpc::ServerUnaryReactor* ServeList(
    grpc::CallbackServerContext* context, const ServiceDeps& deps, const Request* request,
    absl::StatusOr<client::HttpRequest> (*build)(const Request&, const client::PageRequest&),
    std::optional<client::PageRequest> (*take)(const client::PageRequest&, Envelope&, Response*),
    Response* response) {
  UnaryCall* call = UnaryCall::Start(context, deps);
  if (!call->Check(Validate(*request))) return call;
  auto page = DecodePageToken(*request, request->page_token(), request->page_size());
  if (!call->Check(page.status())) return call;
  deps.client->template Fetch<Envelope>(
      build(*request, *page), call->request_context(),
      call->template Then<Envelope>([request, response, take, page = *page](Envelope list) {
        if (auto next = take(page, list, response); next.has_value()) {
          response->set_next_page_token(EncodePageToken(*request, *next));
        }
        return absl::OkStatus();
      }));
  return call;
}

}  // namespace kapso::service

#endif  // SERVICE_SERVE_LIST_H_
