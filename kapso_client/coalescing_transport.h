#ifndef KAPSO_CLIENT_COALESCING_TRANSPORT_H_
#define KAPSO_CLIENT_COALESCING_TRANSPORT_H_

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

// Identical GETs in flight at the same time (same API key, path and query)
// share one upstream call; every caller gets the same answer. Writes pass
// through. Each waiter keeps its own deadline and cancellation: a waiter
// whose deadline passes or who cancels is answered at once without
// disturbing the others, and the shared call is cancelled only when no
// waiter is left. The shared call runs with its first waiter's deadline;
// when it fails by that deadline, the waiters whose own deadlines are later
// are not answered with it: they share a new call, issued with the latest of
// their deadlines. So no caller ever fails by another caller's deadline.
class CoalescingTransport final : public HttpTransport {
 public:
  CoalescingTransport(HttpTransport* inner, Scheduler* scheduler);

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  // Requests answered by another request's upstream call (for metrics).
  int64_t coalesced() const { return coalesced_.load(std::memory_order_relaxed); }

 private:
  struct Waiter;
  struct Group;
  using GroupPtr = std::shared_ptr<Group>;

  using WaiterPtr = std::shared_ptr<Waiter>;

  // Adds `waiter` to the group in flight for `key`, or makes a new one;
  // returns the new group when the caller must issue its upstream call.
  GroupPtr Join(const std::string& key, HttpRequest& request, const WaiterPtr& waiter);
  void WatchWaiter(const std::string& key, const WaiterPtr& waiter, bool leader);
  void Issue(const std::string& key, const GroupPtr& group);
  void Leave(const std::string& key, const WaiterPtr& waiter, absl::Status why);
  // Marks `waiter` answered; false when it already was. `emptied` gets its
  // group when it was the last waiter (its upstream call is then cancelled).
  bool MarkLeft(const std::string& key, const WaiterPtr& waiter, GroupPtr& emptied)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Complete(const std::string& key, const GroupPtr& group,
                absl::StatusOr<HttpResponse> outcome);
  // Retires `group`: the waiters `outcome` answers go to `to_answer` (with
  // their cancellation handles); returns the group to re-issue, if any.
  GroupPtr TakeWaiters(const std::string& key, const GroupPtr& group,
                       const absl::StatusOr<HttpResponse>& outcome,
                       std::vector<std::pair<WaiterPtr, int64_t>>& to_answer)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Moves the waiters still in `group` that outlive its deadline into a new
  // group for `key` (null when none); `to_answer` gets the others.
  GroupPtr CarryOver(const std::string& key, const GroupPtr& group,
                     std::vector<WaiterPtr>& to_answer) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  HttpTransport* const inner_;
  Scheduler* const scheduler_;
  std::atomic<int64_t> coalesced_{0};
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, GroupPtr> groups_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_COALESCING_TRANSPORT_H_
