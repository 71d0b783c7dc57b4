#ifndef KAPSO_CLIENT_RETRY_POLICY_H_
#define KAPSO_CLIENT_RETRY_POLICY_H_

#include <functional>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kapso_client/http_types.h"

namespace kapso::client {

// When and how often an idempotent request is tried again.
struct RetryPolicy {
  int max_attempts = 4;  // the first try included
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
};

// Whether a GET's outcome is worth another try: a transport failure before
// Kapso answered (KAPSO_UNREACHABLE), or HTTP 429, 502, 503, 504.
bool IsRetryable(const absl::StatusOr<HttpResponse>& outcome);

// The pause before retry number `retry` (1 for the first retry): "full
// jitter", uniform in [0, min(max_backoff, initial_backoff * 2^(retry-1))),
// drawn with `uniform01` in [0, 1); never shorter than Kapso's Retry-After.
absl::Duration BackoffDelay(const RetryPolicy& policy, int retry,
                            std::optional<absl::Duration> retry_after,
                            const std::function<double()>& uniform01);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_RETRY_POLICY_H_
