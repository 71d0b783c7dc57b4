#ifndef KAPSO_CLIENT_KAPSO_CLIENT_H_
#define KAPSO_CLIENT_KAPSO_CLIENT_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "kapso_client/call_budget.h"
#include "kapso_client/http_status_mapping.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/worker_pool.h"

namespace kapso::client {

template <typename T>
using Done = absl::AnyInvocable<void(absl::StatusOr<T>) &&>;

// Who is calling: the deadline and cancellation of the gRPC call, the API
// key to use (empty: the server's own), the request id to forward and the
// upstream calls the RPC may still make (null: no bound), and whether the
// server refuses writes (a read-only replica).
struct RequestContext {
  CallOptions options;
  std::string api_key;
  std::string request_id;
  std::shared_ptr<CallBudget> budget;
  bool read_only = false;
};

// What KapsoClient accepts from Kapso.
struct KapsoClientOptions {
  // Deepest JSON nesting read (JsonDepthWithin); Kapso's answers nest < 10.
  int max_json_depth = 64;
  ErrorMappingOptions errors;
};

// Typed, asynchronous calls of the Kapso Platform API. A call takes an
// HttpRequest built by a resource file (messages.h, webhooks.h, ...) and answers with the parsed
// JSON, or with the error of StatusFromHttpResponse / the transport. A write whose fate is unknown
// (a transport error once the request was sent, a 5xx, a shutdown, a 2xx whose body cannot be read)
// has reason KAPSO_OUTCOME_UNKNOWN: the caller must read before writing again. A caller's own API
// key is removed from every error Kapso's answer produced. `done` runs on whichever thread
// completes the call: a transport or parser thread, or the caller's own when a decorator answers at
// once (cache hit, open circuit, spent budget).
class KapsoClient {
 public:
  // With a `parser_pool`, answers are parsed there instead of on the
  // transport thread that received them, whenever `transport_busy` says
  // that thread has other transfers to drive (a hand-off costs more than it
  // saves when it has none).
  explicit KapsoClient(HttpTransport* transport, WorkerPool* parser_pool = nullptr,
                       std::function<bool()> transport_busy = nullptr,
                       KapsoClientOptions options = {})
      : transport_(transport),
        parser_pool_(parser_pool),
        transport_busy_(std::move(transport_busy)),
        options_(std::move(options)) {}

  // The raw 2xx response (for callers that need headers or cache age).
  void Send(absl::StatusOr<HttpRequest> request, const RequestContext& context,
            Done<HttpResponse> done);

  // The 2xx response parsed as `Envelope` (an empty body leaves it default).
  template <typename Envelope>
  void Fetch(absl::StatusOr<HttpRequest> request, const RequestContext& context,
             Done<Envelope> done) {
    HttpRequest summary = Summary(request);
    SendOnTransportThread(
        std::move(request), context,
        [this, summary = std::move(summary),
         done = std::move(done)](absl::StatusOr<HttpResponse> response) mutable {
          const bool here = ParseHere(response);  // before the lambda below takes `response`
          RunParse(here, [summary = std::move(summary), response = std::move(response),
                          done = std::move(done)]() mutable {
            if (!response.ok()) return std::move(done)(response.status());
            Envelope envelope;
            absl::Status parsed = ParseAnswer(summary, *response, &envelope);
            if (!parsed.ok()) return std::move(done)(parsed);
            std::move(done)(std::move(envelope));
          });
        });
  }

  // `response` (a 2xx answer to `request`) into `out`; an unreadable body
  // or a missing "data" object is KAPSO_BAD_RESPONSE with the answer's
  // metadata, or KAPSO_OUTCOME_UNKNOWN for a write (with the resource_id
  // when the body names one).
  static absl::Status ParseAnswer(const HttpRequest& request, const HttpResponse& response,
                                  google::protobuf::Message* out);

 private:
  // Method and path of `request`, for the error of a later parse.
  static HttpRequest Summary(const absl::StatusOr<HttpRequest>& request);

  // Send, with `done` run on the transport thread.
  void SendOnTransportThread(absl::StatusOr<HttpRequest> request, const RequestContext& context,
                             Done<HttpResponse> done);

  // The status of an answer: OK for a readable 2xx, else the mapped error.
  absl::Status AnswerStatus(const HttpRequest& sent, const HttpResponse& response) const;

  // Whether the answer is parsed (and the caller's continuation run) on the
  // transport thread that received it rather than on the parser pool: when
  // that is cheaper and holds up no one for long. That is a body of a few KB
  // that no other caller shares (the one-pass reader, fast_json.h, takes
  // tens of microseconds, less than the hop to a pool thread and back), or
  // a body up to kInlineParseBytes while the transport thread has nothing
  // else to drive. An answer shared by coalesced callers is being handed to
  // each of them in turn: those go to the pool while the transport is busy,
  // so hundreds of waiters are not finished one after another on the curl
  // loop. A large body (up to max_upstream_body_bytes) always goes to the
  // pool.
  bool ParseHere(const absl::StatusOr<HttpResponse>& response) const {
    const size_t body_bytes = response.ok() ? response->body.size() : 0;
    const bool shared = response.ok() && response->SharedWithOthers();
    const bool tiny = body_bytes <= kAlwaysInlineBytes && !shared;
    const bool small = body_bytes <= kInlineParseBytes;
    return parser_pool_ == nullptr || tiny || (small && transport_busy_ && !transport_busy_());
  }

  // Runs `work` here, or on the parser pool.
  void RunParse(bool here, absl::AnyInvocable<void() &&> work) {
    if (here) return std::move(work)();
    parser_pool_->Run(std::move(work));
  }

  static constexpr size_t kAlwaysInlineBytes = 4 * 1024;
  static constexpr size_t kInlineParseBytes = 64 * 1024;

  HttpTransport* transport_;
  WorkerPool* parser_pool_;
  std::function<bool()> transport_busy_;
  const KapsoClientOptions options_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_KAPSO_CLIENT_H_
