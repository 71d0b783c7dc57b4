#include "kapso_client/retrying_transport.h"

#include <utility>

#include "kapso_client/http_status_mapping.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

// One logical request across its attempts.
struct RetryingTransport::Call {
  HttpRequest request;
  CallOptions options;
  HttpCallback done;
  int attempts = 0;
};

RetryingTransport::RetryingTransport(HttpTransport* inner, Scheduler* scheduler,
                                     RetryPolicy policy, std::function<double()> uniform01)
    : inner_(inner), scheduler_(scheduler), policy_(policy), uniform01_(std::move(uniform01)) {}

void RetryingTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (!IsIdempotent(request.method) || policy_.max_attempts <= 1) {
    return inner_->Send(std::move(request), std::move(options), std::move(done));
  }
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->options = std::move(options);
  call->done = std::move(done);
  Attempt(std::move(call));
}

void RetryingTransport::Attempt(std::shared_ptr<Call> call) {
  ++call->attempts;
  HttpRequest request = call->request;  // each attempt sends a copy
  CallOptions options = call->options;
  inner_->Send(std::move(request), std::move(options),
               [this, call](absl::StatusOr<HttpResponse> outcome) mutable {
                 OnOutcome(std::move(call), std::move(outcome));
               });
}

void RetryingTransport::OnOutcome(std::shared_ptr<Call> call,
                                  absl::StatusOr<HttpResponse> outcome) {
  const bool cancelled =
      call->options.cancellation != nullptr && call->options.cancellation->cancelled();
  if (!IsRetryable(outcome) || cancelled || call->attempts >= policy_.max_attempts) {
    return std::move(call->done)(std::move(outcome));
  }
  absl::Time now = scheduler_->Now();
  std::optional<absl::Duration> retry_after;
  if (outcome.ok()) retry_after = ParseRetryAfter(*outcome, now);
  absl::Duration delay;
  {
    absl::MutexLock lock(&uniform_mu_);
    delay = BackoffDelay(policy_, call->attempts, retry_after, uniform01_);
  }
  // A pause that ends past the deadline could only produce a late answer.
  if (now + delay >= call->options.deadline) return std::move(call->done)(std::move(outcome));
  retries_.fetch_add(1, std::memory_order_relaxed);
  scheduler_->RunAt(now + delay, [this, call]() mutable {
    // A caller who cancelled during the pause gets no further attempt.
    if (call->options.cancellation != nullptr && call->options.cancellation->cancelled()) {
      return std::move(call->done)(
          MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED"));
    }
    Attempt(std::move(call));
  });
}

}  // namespace kapso::client
