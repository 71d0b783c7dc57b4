#include "kapso_client/cancellation.h"

#include <utility>
#include <vector>

namespace kapso::client {

// The last owner may be a thread that never called into this object: a
// gRPC call's OnCancel runs Cancel() on one gRPC thread, OnDone drops the
// call's reference on another, and a transfer or timer drops the last one on
// the curl thread. gRPC orders OnCancel before OnDone inside libgrpc++,
// where TSan cannot see it; taking the lock makes the order explicit (one
// uncontended lock per call).
Cancellation::~Cancellation() { absl::MutexLock lock(&mu_); }

int64_t Cancellation::Register(Callback callback) {
  {
    absl::MutexLock lock(&mu_);
    if (!cancelled_) {
      int64_t handle = next_handle_++;
      callbacks_.emplace(handle, std::move(callback));
      return handle;
    }
  }
  std::move(callback)();
  return 0;
}

void Cancellation::Unregister(int64_t handle) {
  absl::MutexLock lock(&mu_);
  callbacks_.erase(handle);
}

void Cancellation::Cancel() {
  std::vector<Callback> to_run;
  {
    absl::MutexLock lock(&mu_);
    if (cancelled_) return;
    cancelled_ = true;
    for (auto& [handle, callback] : callbacks_) to_run.push_back(std::move(callback));
    callbacks_.clear();
  }
  // Run outside the lock: a callback may Unregister or start more work.
  for (auto& callback : to_run) std::move(callback)();
}

bool Cancellation::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

}  // namespace kapso::client
