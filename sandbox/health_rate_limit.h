// The health endpoint's own limit: 5 requests a second and 60 a minute per
// project, reported on every health answer in X-Health-RateLimit-* headers.
#ifndef SANDBOX_HEALTH_RATE_LIMIT_H_
#define SANDBOX_HEALTH_RATE_LIMIT_H_

#include <httplib.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "sandbox/rate_limiter.h"

namespace kapso::sandbox {

class HealthRateLimit {
 public:
  static constexpr int kPerSecond = 5;
  static constexpr int kPerMinute = 60;

  // When `enforce` is false nothing is counted and the headers always show
  // the full allowance, so benchmarks are never throttled by them.
  explicit HealthRateLimit(bool enforce) : enforce_(enforce) {}

  // Sets the headers on `res`; over the limit, also Retry-After, and
  // returns the 429 to answer with.
  absl::Status Admit(absl::Time now, httplib::Response& res);
  void Reset();

 private:
  const bool enforce_;
  FixedWindowLimiter per_second_{kPerSecond, absl::Seconds(1)};
  FixedWindowLimiter per_minute_{kPerMinute, absl::Minutes(1)};
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_HEALTH_RATE_LIMIT_H_
