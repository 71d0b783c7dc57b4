#ifndef KAPSO_CLIENT_CIRCUIT_BREAKER_H_
#define KAPSO_CLIENT_CIRCUIT_BREAKER_H_

#include <atomic>
#include <functional>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

struct CircuitBreakerPolicy {
  // Consecutive upstream failures (no answer, or 5xx) that open the circuit.
  int failure_threshold = 5;
  // How long an open circuit refuses requests before letting one probe through.
  absl::Duration cool_down = absl::Seconds(10);
};

// Stops sending to a Kapso that keeps failing. Closed: requests pass; after
// `failure_threshold` consecutive failures it opens and, for `cool_down`,
// answers at once with UNAVAILABLE, reason KAPSO_CIRCUIT_OPEN and a RetryInfo.
// Then one probe request passes (half-open): success closes the circuit,
// failure opens it again. Any answer below 500, 4xx included, counts as
// success: Kapso is up, whatever it thought of the request. `on_change`
// hears true when the upstream becomes usable again and false when the
// circuit opens (the server's grpc.health status follows it).
class CircuitBreaker final : public HttpTransport {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  CircuitBreaker(HttpTransport* inner, Scheduler* clock, CircuitBreakerPolicy policy,
                 std::function<void(bool usable)> on_change = nullptr);

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  State state();
  int64_t refused() const { return refused_.load(std::memory_order_relaxed); }

 private:
  // Whether a request may go now; sets `probe` when it is the half-open probe.
  bool Admit(absl::Time now, bool& probe, absl::Duration& retry_in);
  enum class Verdict { kSuccess, kFailure, kNeutral };
  static Verdict Judge(const absl::StatusOr<HttpResponse>& outcome);
  void Record(Verdict verdict, bool probe);

  HttpTransport* const inner_;
  Scheduler* const clock_;
  const CircuitBreakerPolicy policy_;
  const std::function<void(bool)> on_change_;
  std::atomic<int64_t> refused_{0};
  absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kClosed;
  int consecutive_failures_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time opened_at_ ABSL_GUARDED_BY(mu_);
  bool probe_in_flight_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CIRCUIT_BREAKER_H_
