#ifndef KAPSO_CLIENT_CANCELLATION_H_
#define KAPSO_CLIENT_CANCELLATION_H_

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace kapso::client {

// A one-shot cancellation signal shared by a gRPC call and the upstream work
// it started. Work registers a callback; Cancel() runs every callback once.
// Callbacks registered after Cancel() run immediately.
class Cancellation {
 public:
  using Callback = absl::AnyInvocable<void() &&>;

  Cancellation() = default;
  ~Cancellation();
  Cancellation(const Cancellation&) = delete;
  Cancellation& operator=(const Cancellation&) = delete;

  // Registers `callback`; returns a handle for Unregister.
  int64_t Register(Callback callback);
  // Forgets a callback once its work finished. Safe to call after Cancel().
  void Unregister(int64_t handle);
  void Cancel();
  bool cancelled() const;

 private:
  mutable absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  int64_t next_handle_ ABSL_GUARDED_BY(mu_) = 1;
  absl::flat_hash_map<int64_t, Callback> callbacks_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CANCELLATION_H_
