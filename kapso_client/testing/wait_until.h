#ifndef KAPSO_CLIENT_TESTING_WAIT_UNTIL_H_
#define KAPSO_CLIENT_TESTING_WAIT_UNTIL_H_

// Tests wait for what they need (a request reached the upstream, a metric
// moved, a callback ran) instead of sleeping a guessed time: a fixed sleep is
// either too short on a slow (sanitizer) build or wasted everywhere else.

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace kapso::testing {

// Polls `condition` every `interval` until it holds or `timeout` passes;
// returns whether it held. Use it as ASSERT_TRUE(WaitUntil(...)).
template <typename Condition>
bool WaitUntil(Condition condition, absl::Duration timeout = absl::Seconds(10),
               absl::Duration interval = absl::Milliseconds(2)) {
  const absl::Time give_up = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() >= give_up) return condition();
    absl::SleepFor(interval);
  }
  return true;
}

}  // namespace kapso::testing

#endif  // KAPSO_CLIENT_TESTING_WAIT_UNTIL_H_
