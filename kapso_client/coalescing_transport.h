#ifndef KAPSO_CLIENT_COALESCING_TRANSPORT_H_
#define KAPSO_CLIENT_COALESCING_TRANSPORT_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "kapso_client/http_transport.h"

namespace kapso::client {

// Identical GETs in flight at the same time (same API key, path and query)
// share one upstream call; every caller gets the same answer. Writes pass
// through. Each waiter keeps its own deadline and cancellation: a waiter
// whose deadline passes or who cancels is answered at once without
// disturbing the others, and the shared call is cancelled only when no
// waiter is left. The shared call runs with the first waiter's deadline.
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

  void Join(const GroupPtr& group, const std::shared_ptr<Waiter>& waiter);
  void Leave(const std::string& key, const GroupPtr& group, const std::shared_ptr<Waiter>& waiter,
             absl::Status why);
  void Complete(const std::string& key, const GroupPtr& group,
                absl::StatusOr<HttpResponse> outcome);

  HttpTransport* const inner_;
  Scheduler* const scheduler_;
  std::atomic<int64_t> coalesced_{0};
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, GroupPtr> groups_ ABSL_GUARDED_BY(mu_);
};

// The identity of a request for sharing and caching: key, method, path and
// query. The API key is included (hashed) so answers never cross keys.
std::string RequestIdentity(const HttpRequest& request);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_COALESCING_TRANSPORT_H_
