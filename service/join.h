#ifndef SERVICE_JOIN_H_
#define SERVICE_JOIN_H_

#include <atomic>
#include <memory>
#include <utility>

#include "absl/functional/any_invocable.h"

namespace kapso::service {

// Joins concurrent branches: `on_all_done` runs once, on the thread of the
// last branch to Arrive(). Share it by shared_ptr among the branches.
class Join {
 public:
  Join(int branches, absl::AnyInvocable<void() &&> on_all_done)
      : remaining_(branches), on_all_done_(std::move(on_all_done)) {}

  void Arrive() {
    if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) std::move(on_all_done_)();
  }

 private:
  std::atomic<int> remaining_;
  absl::AnyInvocable<void() &&> on_all_done_;
};

}  // namespace kapso::service

#endif  // SERVICE_JOIN_H_
