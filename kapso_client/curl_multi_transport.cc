#include "kapso_client/curl_multi_transport.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "kapso_client/curl_event_loop.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {

absl::StatusOr<std::unique_ptr<CurlMultiTransport>> CurlMultiTransport::Create(
    CurlTransportOptions options) {
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  if (options.base_url.empty()) {
    return absl::InvalidArgumentError("the Kapso API base URL is empty");
  }
  auto loop = std::make_unique<internal::CurlEventLoop>(std::move(options));
  if (absl::Status s = loop->Init(); !s.ok()) return s;
  return std::unique_ptr<CurlMultiTransport>(new CurlMultiTransport(std::move(loop)));
}

CurlMultiTransport::CurlMultiTransport(std::unique_ptr<internal::CurlEventLoop> loop)
    : loop_(std::move(loop)) {}
CurlMultiTransport::~CurlMultiTransport() = default;  // ~CurlEventLoop shuts down

void CurlMultiTransport::Shutdown() { loop_->Shutdown(); }

void CurlMultiTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  auto transfer = std::make_unique<internal::Transfer>();
  transfer->id = loop_->NextId();
  transfer->url = absl::StrCat(loop_->options().base_url, "/platform/v1", request.path);
  if (!request.query.empty()) absl::StrAppend(&transfer->url, "?", EncodeQuery(request.query));
  transfer->request = std::move(request);
  transfer->options = std::move(options);
  transfer->done = std::move(done);
  if (transfer->options.cancellation != nullptr) {
    int64_t id = transfer->id;
    internal::CurlEventLoop* loop = loop_.get();
    // Registered before Submit so a cancel can never be missed; if the call
    // was cancelled already, Cancel() below finds nothing active yet and the
    // transfer is dropped at its start by the cancelled() check.
    transfer->cancel_handle =
        transfer->options.cancellation->Register([loop, id] { loop->Cancel(id); });
  }
  loop_->Submit(std::move(transfer));
}

absl::Time CurlMultiTransport::Now() { return absl::Now(); }

void CurlMultiTransport::RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) {
  loop_->AddTimer(when, std::move(work));
}

TransportStats CurlMultiTransport::stats() const { return loop_->stats(); }

int64_t CurlMultiTransport::in_flight() const { return loop_->in_flight(); }

void CurlMultiTransport::AbortInFlight() { loop_->AbortAll(); }

}  // namespace kapso::client
