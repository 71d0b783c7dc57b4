#ifndef KAPSO_CLIENT_THREAD_ROLE_H_
#define KAPSO_CLIENT_THREAD_ROLE_H_

// A capability for state that one thread owns (e.g. the curl loop's handles):
// fields are ABSL_GUARDED_BY(role) and the functions of that thread
// ABSL_EXCLUSIVE_LOCKS_REQUIRED(role), so clang's -Wthread-safety checks that
// no other thread's code path touches them, as it does for a mutex.

#include <atomic>
#include <cassert>
#include <thread>

#include "absl/base/thread_annotations.h"

namespace kapso::client {

class ABSL_LOCKABLE ThreadRole {
 public:
  // Makes the calling thread the role's owner; call once, at the top of the
  // thread's function.
  void Bind() { owner_.store(std::this_thread::get_id(), std::memory_order_relaxed); }
  // Tells the analysis that the caller has the role (checked in debug builds).
  void AssertHeld() const ABSL_ASSERT_EXCLUSIVE_LOCK() {
    assert(owner_.load(std::memory_order_relaxed) == std::this_thread::get_id());
  }

 private:
  std::atomic<std::thread::id> owner_{};
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_THREAD_ROLE_H_
