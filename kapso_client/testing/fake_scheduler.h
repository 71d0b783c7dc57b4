#ifndef KAPSO_CLIENT_TESTING_FAKE_SCHEDULER_H_
#define KAPSO_CLIENT_TESTING_FAKE_SCHEDULER_H_

#include <cstdint>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/scheduler.h"

namespace kapso::client::testing_util {

// A Scheduler on a manual clock. RunAt only queues; Advance moves the clock
// forward, running due work in time order (ties in queueing order) with
// Now() set to each item's time. Work queued by work runs in the same
// Advance when it falls due by its end.
class FakeScheduler final : public Scheduler {
 public:
  explicit FakeScheduler(absl::Time start = absl::FromUnixSeconds(1'700'000'000));

  absl::Time Now() override;
  void RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) override;

  void Advance(absl::Duration by);
  size_t queued() const;

 private:
  struct Item {
    absl::Time when;
    int64_t seq;
    absl::AnyInvocable<void() &&> work;
  };

  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  int64_t next_seq_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<Item> items_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client::testing_util

#endif  // KAPSO_CLIENT_TESTING_FAKE_SCHEDULER_H_
