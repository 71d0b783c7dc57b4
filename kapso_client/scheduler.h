#ifndef KAPSO_CLIENT_SCHEDULER_H_
#define KAPSO_CLIENT_SCHEDULER_H_

#include "absl/functional/any_invocable.h"
#include "absl/time/time.h"

namespace kapso::client {

// Runs work later, on the curl loop thread (CurlMultiTransport implements
// it). Injected so that retry and cache tests do not sleep.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual absl::Time Now() = 0;
  virtual void RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) = 0;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_SCHEDULER_H_
