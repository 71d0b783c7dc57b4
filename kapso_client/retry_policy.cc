#include "kapso_client/retry_policy.h"

#include <algorithm>

#include "kapso_client/status_details.h"

namespace kapso::client {

bool IsRetryable(const absl::StatusOr<HttpResponse>& outcome) {
  if (!outcome.ok()) return ErrorReason(outcome.status()) == "KAPSO_UNREACHABLE";
  switch (outcome->status) {
    case 429:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

absl::Duration BackoffDelay(const RetryPolicy& policy, int retry,
                            std::optional<absl::Duration> retry_after,
                            const std::function<double()>& uniform01) {
  absl::Duration ceiling = policy.initial_backoff;
  for (int i = 1; i < retry && ceiling < policy.max_backoff; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, policy.max_backoff);
  absl::Duration delay = ceiling * uniform01();
  if (retry_after.has_value()) delay = std::max(delay, *retry_after);
  return delay;
}

}  // namespace kapso::client
