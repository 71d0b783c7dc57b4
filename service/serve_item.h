#ifndef SERVICE_SERVE_ITEM_H_
#define SERVICE_SERVE_ITEM_H_

#include "absl/status/statusor.h"
#include "kapso_client/http_types.h"
#include "service/request_validation.h"
#include "service/unary_call.h"

namespace kapso::service {

// Serves a unary RPC from one Kapso call answering {"data": <Response>}:
// validates, sends build(request), moves `data` into `response`, then runs
// `finish` on it (e.g. to derive fields Kapso does not send). `request` is
// read before this returns, so it may be a temporary.
template <typename Envelope, typename Request, typename Response>
grpc::ServerUnaryReactor* ServeItem(grpc::CallbackServerContext* context, const ServiceDeps& deps,
                                    const Request& request,
                                    absl::StatusOr<client::HttpRequest> (*build)(const Request&),
                                    Response* response, void (*finish)(Response&) = nullptr) {
  UnaryCall* call = UnaryCall::Start(context, deps);
  if (!call->Check(Validate(request))) return call;
  deps.client->template Fetch<Envelope>(
      build(request), call->request_context(),
      call->template Then<Envelope>([response, finish](Envelope item) {
        response->Swap(item.mutable_data());
        if (finish != nullptr) finish(*response);
        return absl::OkStatus();
      }));
  return call;
}

}  // namespace kapso::service

#endif  // SERVICE_SERVE_ITEM_H_
