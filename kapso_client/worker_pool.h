#ifndef KAPSO_CLIENT_WORKER_POOL_H_
#define KAPSO_CLIENT_WORKER_POOL_H_

#include <deque>
#include <thread>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace kapso::client {

// Runs work on a fixed set of threads, in submission order per thread.
// Upstream answers arrive on the curl transport's single event-loop thread;
// parsing them there would serialise every RPC's JSON work on one core, so
// KapsoClient hands that work to this pool. The thread count is fixed, so
// threads stay independent of load.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  // Runs the work already queued, then joins.
  ~WorkerPool();

  void Run(absl::AnyInvocable<void() &&> work);

 private:
  void Work();

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_WORKER_POOL_H_
