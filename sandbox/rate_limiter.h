// Kapso's fixed-window rate limits: the per-key requests-per-minute limit and
// the health endpoint's 5/s + 60/min per project.
#ifndef SANDBOX_RATE_LIMITER_H_
#define SANDBOX_RATE_LIMITER_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kapso::sandbox {

struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;
  int retry_after_seconds = 0;  // until the window resets; set when denied
};

// `limit` requests per aligned window of `window`; a limit of 0 never denies
// and reports kUnlimited so clients that budget on the headers never stall.
class FixedWindowLimiter {
 public:
  static constexpr int kUnlimited = 1000000000;

  FixedWindowLimiter(int limit, absl::Duration window) : limit_(limit), window_(window) {}

  // Counts one request when it is allowed.
  RateDecision Take(absl::Time now);
  // The current state, counting nothing.
  RateDecision Peek(absl::Time now);
  void Reset();

 private:
  void Roll(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  RateDecision Decide(absl::Time now, bool allowed) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const int limit_;
  const absl::Duration window_;
  absl::Mutex mu_;
  int64_t window_index_ ABSL_GUARDED_BY(mu_) = -1;
  int used_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_RATE_LIMITER_H_
