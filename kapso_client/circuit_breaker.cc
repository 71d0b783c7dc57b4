#include "kapso_client/circuit_breaker.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
// Kapso answered something other than a server error: it is usable. A
// caller's cancellation or deadline says nothing about Kapso and is skipped.
CircuitBreaker::Verdict CircuitBreaker::Judge(const absl::StatusOr<HttpResponse>& outcome) {
  if (outcome.ok()) return outcome->status < 500 ? Verdict::kSuccess : Verdict::kFailure;
  std::string reason = ErrorReason(outcome.status());
  return reason == "KAPSO_UNREACHABLE" ? Verdict::kFailure : Verdict::kNeutral;
}

CircuitBreaker::CircuitBreaker(HttpTransport* inner, Scheduler* clock, CircuitBreakerPolicy policy,
                               std::function<void(bool)> on_change)
    : inner_(inner), clock_(clock), policy_(policy), on_change_(std::move(on_change)) {}

CircuitBreaker::State CircuitBreaker::state() {
  absl::MutexLock lock(&mu_);
  return state_;
}

bool CircuitBreaker::Admit(absl::Time now, bool& probe, absl::Duration& retry_in) {
  absl::MutexLock lock(&mu_);
  probe = false;
  if (state_ == State::kClosed) return true;
  if (state_ == State::kOpen && now - opened_at_ >= policy_.cool_down) state_ = State::kHalfOpen;
  if (state_ == State::kHalfOpen && !probe_in_flight_) {
    probe_in_flight_ = true;
    probe = true;
    return true;
  }
  retry_in = std::max(absl::Seconds(1), opened_at_ + policy_.cool_down - now);
  return false;
}

void CircuitBreaker::Record(Verdict verdict, bool probe) {
  bool changed_to_usable = false, changed_to_open = false;
  {
    absl::MutexLock lock(&mu_);
    if (probe) probe_in_flight_ = false;  // an inconclusive probe: the next request probes
    if (verdict == Verdict::kNeutral) return;
    if (verdict == Verdict::kSuccess) {
      changed_to_usable = state_ != State::kClosed;
      state_ = State::kClosed;
      consecutive_failures_ = 0;
    } else if (probe ||
               (state_ == State::kClosed && ++consecutive_failures_ >= policy_.failure_threshold)) {
      changed_to_open = state_ == State::kClosed;
      state_ = State::kOpen;
      opened_at_ = clock_->Now();
    }
  }
  if (on_change_ && changed_to_usable) on_change_(true);
  if (on_change_ && changed_to_open) on_change_(false);
}

void CircuitBreaker::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  bool probe = false;
  absl::Duration retry_in;
  if (!Admit(clock_->Now(), probe, retry_in)) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    absl::Status status =
        MakeError(absl::StatusCode::kUnavailable,
                  "Kapso has been failing; kapso-ops is not calling it for a moment (circuit open)",
                  "KAPSO_CIRCUIT_OPEN", {{"kapso_path", request.path}});
    SetRetryDelay(status, absl::Ceil(retry_in, absl::Seconds(1)));
    return std::move(done)(std::move(status));
  }
  inner_->Send(std::move(request), std::move(options),
               [this, probe, done = std::move(done)](absl::StatusOr<HttpResponse> outcome) mutable {
                 Record(Judge(outcome), probe);
                 std::move(done)(std::move(outcome));
               });
}

}  // namespace kapso::client
