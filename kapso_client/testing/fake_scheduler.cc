#include "kapso_client/testing/fake_scheduler.h"

#include <algorithm>
#include <utility>

namespace kapso::client::testing_util {

FakeScheduler::FakeScheduler(absl::Time start) : now_(start) {}

absl::Time FakeScheduler::Now() {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeScheduler::RunAt(absl::Time when, absl::AnyInvocable<void() &&> work) {
  absl::MutexLock lock(&mu_);
  items_.push_back({when, next_seq_++, std::move(work)});
}

void FakeScheduler::Advance(absl::Duration by) {
  absl::Time until;
  {
    absl::MutexLock lock(&mu_);
    until = now_ + by;
  }
  for (;;) {
    absl::AnyInvocable<void() &&> work;
    {
      absl::MutexLock lock(&mu_);
      auto next = std::min_element(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
        return a.when != b.when ? a.when < b.when : a.seq < b.seq;
      });
      if (next == items_.end() || next->when > until) {
        now_ = std::max(now_, until);
        return;
      }
      now_ = std::max(now_, next->when);
      work = std::move(next->work);
      items_.erase(next);
    }
    std::move(work)();  // outside the lock: work may queue more
  }
}

size_t FakeScheduler::queued() const {
  absl::MutexLock lock(&mu_);
  return items_.size();
}

}  // namespace kapso::client::testing_util
