#include "sandbox/rate_limiter.h"

#include <algorithm>

namespace kapso::sandbox {

void FixedWindowLimiter::Roll(absl::Time now) {
  absl::Duration into_window;
  int64_t index = absl::IDivDuration(now - absl::UnixEpoch(), window_, &into_window);
  if (index != window_index_) {
    window_index_ = index;
    used_ = 0;
  }
}

RateDecision FixedWindowLimiter::Decide(absl::Time now, bool allowed) const {
  RateDecision decision;
  decision.allowed = allowed;
  if (limit_ <= 0) {
    decision.limit = kUnlimited;
    decision.remaining = kUnlimited;
    return decision;
  }
  decision.limit = limit_;
  decision.remaining = std::max(0, limit_ - used_);
  if (!allowed) {
    absl::Time window_end = absl::UnixEpoch() + window_ * static_cast<double>(window_index_ + 1);
    decision.retry_after_seconds =
        std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(window_end - now, absl::Seconds(1))));
  }
  return decision;
}

RateDecision FixedWindowLimiter::Take(absl::Time now) {
  absl::MutexLock lock(&mu_);
  Roll(now);
  bool allowed = limit_ <= 0 || used_ < limit_;
  if (allowed && limit_ > 0) ++used_;
  return Decide(now, allowed);
}

RateDecision FixedWindowLimiter::Peek(absl::Time now) {
  absl::MutexLock lock(&mu_);
  Roll(now);
  return Decide(now, true);
}

void FixedWindowLimiter::Reset() {
  absl::MutexLock lock(&mu_);
  window_index_ = -1;
  used_ = 0;
}

}  // namespace kapso::sandbox
