#include "kapso_client/observed_transport.h"

#include <utility>

namespace kapso::client {

void ObservedTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (!observer_) return inner_->Send(std::move(request), std::move(options), std::move(done));
  absl::Time start = clock_->Now();
  HttpRequest seen;  // what the observer needs, without the body or the key
  seen.method = request.method;
  seen.path = request.path;
  inner_->Send(std::move(request), std::move(options),
               [this, start, seen = std::move(seen),
                done = std::move(done)](absl::StatusOr<HttpResponse> outcome) mutable {
                 observer_(seen, outcome, clock_->Now() - start);
                 std::move(done)(std::move(outcome));
               });
}

}  // namespace kapso::client
