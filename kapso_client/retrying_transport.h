#ifndef KAPSO_CLIENT_RETRYING_TRANSPORT_H_
#define KAPSO_CLIENT_RETRYING_TRANSPORT_H_

#include <atomic>
#include <functional>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/retry_policy.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

// Retries idempotent requests (GET) whose outcome IsRetryable, with
// full-jitter exponential back-off that honours Retry-After, bounded by the
// policy's attempts and by the caller's deadline: a pause that would end
// past the deadline is not taken, and the last outcome is returned as is.
// Writes (POST, PATCH, DELETE) pass straight through: Kapso has no
// idempotency keys, so a write that may have arrived is never sent twice.
// Back-off waits on the Scheduler; no thread sleeps.
class RetryingTransport final : public HttpTransport {
 public:
  RetryingTransport(HttpTransport* inner, Scheduler* scheduler, RetryPolicy policy,
                    std::function<double()> uniform01);

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  // Retries sent so far (for metrics).
  int64_t retries() const { return retries_.load(std::memory_order_relaxed); }

 private:
  struct Call;
  void Attempt(std::shared_ptr<Call> call);
  void OnOutcome(std::shared_ptr<Call> call, absl::StatusOr<HttpResponse> outcome);
  // Runs the caller's callback unless it already ran.
  static void Answer(const std::shared_ptr<Call>& call, absl::StatusOr<HttpResponse> outcome);

  HttpTransport* const inner_;
  Scheduler* const scheduler_;
  const RetryPolicy policy_;
  absl::Mutex uniform_mu_;  // the injected generator need not be thread-safe
  std::function<double()> uniform01_ ABSL_GUARDED_BY(uniform_mu_);
  std::atomic<int64_t> retries_{0};
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_RETRYING_TRANSPORT_H_
