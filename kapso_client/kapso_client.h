#ifndef KAPSO_CLIENT_KAPSO_CLIENT_H_
#define KAPSO_CLIENT_KAPSO_CLIENT_H_

#include <functional>
#include <string>
#include <utility>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/unreadable_answer.h"
#include "kapso_client/worker_pool.h"

namespace kapso::client {

template <typename T>
using Done = absl::AnyInvocable<void(absl::StatusOr<T>) &&>;

// Who is calling: the deadline and cancellation of the gRPC call, the API
// key to use (empty: the server's own) and the request id to forward.
struct RequestContext {
  CallOptions options;
  std::string api_key;
  std::string request_id;
};

// Typed, asynchronous calls of the Kapso Platform API. A call takes an
// HttpRequest built by kapso_requests.h and answers with the parsed JSON, or
// with the error of StatusFromHttpResponse / the transport. A write that
// failed after it may have reached Kapso (transport error once the request
// was sent, or a 5xx) has reason KAPSO_OUTCOME_UNKNOWN: the caller must check
// before writing again. `done` runs on a transport thread.
class KapsoClient {
 public:
  // With a `parser_pool`, answers are parsed there instead of on the
  // transport thread that received them, whenever `transport_busy` says
  // that thread has other transfers to drive (a hand-off costs more than it
  // saves when it has none).
  explicit KapsoClient(HttpTransport* transport, WorkerPool* parser_pool = nullptr,
                       std::function<bool()> transport_busy = nullptr)
      : transport_(transport),
        parser_pool_(parser_pool),
        transport_busy_(std::move(transport_busy)) {}

  // The raw 2xx response (for callers that need headers or cache age).
  void Send(absl::StatusOr<HttpRequest> request, const RequestContext& context,
            Done<HttpResponse> done);

  // The 2xx response parsed as `Envelope` (an empty body leaves it default).
  template <typename Envelope>
  void Fetch(absl::StatusOr<HttpRequest> request, const RequestContext& context,
             Done<Envelope> done) {
    const HttpMethod method = request.ok() ? request->method : HttpMethod::kGet;
    std::string path = request.ok() ? request->path : "";
    SendOnTransportThread(
        std::move(request), context,
        [this, method, path = std::move(path),
         done = std::move(done)](absl::StatusOr<HttpResponse> response) mutable {
           OffTransportThread([response = std::move(response), method, path = std::move(path),
                               done = std::move(done)]() mutable {
             if (!response.ok()) return std::move(done)(response.status());
             Envelope envelope;
             absl::Status parsed = ParseResponse(*response, &envelope);
             if (!parsed.ok()) AddAnswerMetadata(parsed, method, path, *response);
             if (!parsed.ok()) return std::move(done)(parsed);
             std::move(done)(std::move(envelope));
           });
         });
  }

 private:
  // Send, with `done` run on the transport thread.
  void SendOnTransportThread(absl::StatusOr<HttpRequest> request, const RequestContext& context,
                             Done<HttpResponse> done);

  void OffTransportThread(absl::AnyInvocable<void() &&> work) {
    if (parser_pool_ == nullptr || (transport_busy_ && !transport_busy_())) {
      return std::move(work)();
    }
    parser_pool_->Run(std::move(work));
  }

  HttpTransport* transport_;
  WorkerPool* parser_pool_;
  std::function<bool()> transport_busy_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_KAPSO_CLIENT_H_
