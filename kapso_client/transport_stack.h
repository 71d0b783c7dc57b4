#ifndef KAPSO_CLIENT_TRANSPORT_STACK_H_
#define KAPSO_CLIENT_TRANSPORT_STACK_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "kapso_client/caching_transport.h"
#include "kapso_client/circuit_breaker.h"
#include "kapso_client/coalescing_transport.h"
#include "kapso_client/curl_multi_transport.h"
#include "kapso_client/observed_transport.h"
#include "kapso_client/rate_limit_gate.h"
#include "kapso_client/retrying_transport.h"

namespace kapso::client {

struct TransportStackOptions {
  CurlTransportOptions curl;
  RetryPolicy retry;
  CircuitBreakerPolicy breaker;
  // How long a phone number health result is reused (0: never).
  absl::Duration health_cache_ttl = absl::Seconds(60);
  // Longest a 429's Retry-After blocks a key's requests (RateLimitGate).
  absl::Duration max_retry_after = absl::Minutes(5);
  // Hears whether Kapso is usable (see CircuitBreaker).
  std::function<void(bool usable)> on_upstream_change;
  // Hears every request sent to Kapso (see ObservedTransport).
  UpstreamObserver observer;
};

struct StackStats {
  TransportStats curl;
  int64_t retries = 0;
  int64_t coalesced = 0;
  int64_t cache_hits = 0;
  int64_t budget_refusals = 0;
  int64_t circuit_refusals = 0;
  bool circuit_open = false;
};

// The transport kapso-ops uses, outermost first:
//   health cache -> coalescing -> retry -> circuit breaker -> rate-limit gate
//   -> observer -> curl
// A cached or shared answer costs Kapso nothing; each retry attempt passes
// the breaker and the budget, so retries never hammer a failing or
// throttling Kapso.
class TransportStack {
 public:
  static absl::StatusOr<std::unique_ptr<TransportStack>> Create(TransportStackOptions options);

  // Stops the curl loop first, while every decorator is alive: transfers in
  // flight fail (CANCELLED), timers (retry back-off, coalesced waiters'
  // deadlines) run early, and every callback has run when it returns. Call
  // it before destroying anything the callbacks reach (KapsoClient, its
  // worker pool, the gRPC reactors). Idempotent; the destructor calls it.
  void Shutdown();
  ~TransportStack();

  HttpTransport* transport() { return cache_.get(); }
  // Transfers the curl loop is driving now.
  int64_t in_flight() const { return curl_->in_flight(); }
  // See CurlMultiTransport::AbortInFlight.
  void AbortInFlight() { curl_->AbortInFlight(); }
  StackStats stats();

 private:
  TransportStack() = default;

  // Destroyed last, but stopped first (Shutdown), so no completion or timer
  // runs into a destroyed decorator.
  std::unique_ptr<CurlMultiTransport> curl_;
  std::unique_ptr<ObservedTransport> observed_;
  std::unique_ptr<RateLimitGate> gate_;
  std::unique_ptr<CircuitBreaker> breaker_;
  std::unique_ptr<RetryingTransport> retry_;
  std::unique_ptr<CoalescingTransport> coalescing_;
  std::unique_ptr<CachingTransport> cache_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_TRANSPORT_STACK_H_
