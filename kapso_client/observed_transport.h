#ifndef KAPSO_CLIENT_OBSERVED_TRANSPORT_H_
#define KAPSO_CLIENT_OBSERVED_TRANSPORT_H_

#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

// Hears every request that actually goes to Kapso (each retry attempt),
// with its outcome and how long it took; for metrics. Runs on a transport
// thread, so it must be quick.
using UpstreamObserver =
    std::function<void(const HttpRequest& request, const absl::StatusOr<HttpResponse>& outcome,
                       absl::Duration elapsed)>;

class ObservedTransport final : public HttpTransport {
 public:
  ObservedTransport(HttpTransport* inner, Scheduler* clock, UpstreamObserver observer)
      : inner_(inner), clock_(clock), observer_(std::move(observer)) {}

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

 private:
  HttpTransport* const inner_;
  Scheduler* const clock_;
  const UpstreamObserver observer_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_OBSERVED_TRANSPORT_H_
