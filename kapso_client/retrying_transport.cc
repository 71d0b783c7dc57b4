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
  std::atomic<bool> answered{false};
  // The cancellation callback registered while a back-off is waited out.
  std::atomic<int64_t> cancel_handle{0};
};

void RetryingTransport::Answer(const std::shared_ptr<Call>& call,
                               absl::StatusOr<HttpResponse> outcome) {
  if (call->answered.exchange(true)) return;  // a cancel during the back-off came first
  std::move(call->done)(std::move(outcome));
}

RetryingTransport::RetryingTransport(HttpTransport* inner, Scheduler* scheduler, RetryPolicy policy,
                                     std::function<double()> uniform01)
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
    return Answer(call, std::move(outcome));
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
  if (now + delay >= call->options.deadline) return Answer(call, std::move(outcome));
  retries_.fetch_add(1, std::memory_order_relaxed);
  if (call->options.cancellation != nullptr) {
    // A caller who cancels during the pause is answered at once and gets no
    // further attempt.
    call->cancel_handle = call->options.cancellation->Register([this, call] {
      Answer(call,
             MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED"));
    });
  }
  scheduler_->RunAt(now + delay, [this, call]() mutable {
    if (call->options.cancellation != nullptr) {
      call->options.cancellation->Unregister(call->cancel_handle.exchange(0));
    }
    if (!call->answered.load()) Attempt(std::move(call));
  });
}

}  // namespace kapso::client
