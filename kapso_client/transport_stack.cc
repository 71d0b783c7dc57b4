#include "kapso_client/transport_stack.h"

#include <utility>

#include "absl/random/random.h"

namespace kapso::client {

absl::StatusOr<std::unique_ptr<TransportStack>> TransportStack::Create(
    TransportStackOptions options) {
  auto curl = CurlMultiTransport::Create(std::move(options.curl));
  if (!curl.ok()) return curl.status();
  std::unique_ptr<TransportStack> stack(new TransportStack());
  stack->curl_ = *std::move(curl);
  Scheduler* clock = stack->curl_.get();
  stack->observed_ =
      std::make_unique<ObservedTransport>(stack->curl_.get(), clock, std::move(options.observer));
  stack->gate_ =
      std::make_unique<RateLimitGate>(stack->observed_.get(), clock, options.max_retry_after);
  stack->breaker_ = std::make_unique<CircuitBreaker>(stack->gate_.get(), clock, options.breaker,
                                                     std::move(options.on_upstream_change));
  auto gen = std::make_shared<absl::BitGen>();
  stack->retry_ =
      std::make_unique<RetryingTransport>(stack->breaker_.get(), clock, options.retry,
                                          [gen] { return absl::Uniform<double>(*gen, 0.0, 1.0); });
  stack->coalescing_ = std::make_unique<CoalescingTransport>(stack->retry_.get(), clock);
  stack->cache_ =
      std::make_unique<CachingTransport>(stack->coalescing_.get(), clock, options.health_cache_ttl);
  return stack;
}

TransportStack::~TransportStack() { Shutdown(); }

void TransportStack::Shutdown() {
  if (curl_ != nullptr) curl_->Shutdown();
}

StackStats TransportStack::stats() {
  StackStats stats;
  stats.curl = curl_->stats();
  stats.retries = retry_->retries();
  stats.coalesced = coalescing_->coalesced();
  stats.cache_hits = cache_->hits();
  stats.budget_refusals = gate_->refused();
  stats.circuit_refusals = breaker_->refused();
  stats.circuit_open = breaker_->state() != CircuitBreaker::State::kClosed;
  return stats;
}

}  // namespace kapso::client
