#ifndef SERVICE_FOLLOW_REGISTRY_H_
#define SERVICE_FOLLOW_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "kapso_client/kapso_client.h"
#include "service/follow_options.h"
#include "service/follow_poller.h"
#include "service/follow_source.h"
#include "service/follow_subscription.h"

namespace kapso::service {

// The follow streams of one server: one FollowPoller per (RPC, filters, API
// key) while any stream follows it, a scheduler thread that ticks them, and
// the bounds (--max_follow_streams). Shutdown ends every stream with
// UNAVAILABLE (SERVER_SHUTTING_DOWN) and its resume token, so a SIGTERM
// drain never waits on a stream that would otherwise run forever.
class FollowRegistry {
 public:
  FollowRegistry(client::KapsoClient* client, const FollowOptions& options);
  ~FollowRegistry();

  const FollowOptions& options() const { return options_; }

  // Joins `subscription` to the poller of `key` (which must tell the RPC,
  // its filters and the API key apart), made from `make_source` when there
  // is none. RESOURCE_EXHAUSTED (FOLLOW_STREAM_LIMIT) past max_streams,
  // UNAVAILABLE once shutting down.
  absl::StatusOr<std::shared_ptr<FollowPoller>> Join(
      const std::string& key, const std::string& api_key,
      const std::function<std::shared_ptr<const FollowSource>()>& make_source,
      std::shared_ptr<FollowSubscription> subscription);

  // A joined stream is gone; its poller stops with the last one.
  void Leave(const std::string& key, const std::shared_ptr<FollowPoller>& poller,
             const FollowSubscription* subscription);

  // Ends every stream and refuses new ones. Idempotent.
  void Shutdown();

  int streams() const;
  int pollers() const;

 private:
  void Run();
  void Report() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  client::KapsoClient* const client_;
  const FollowOptions options_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<FollowPoller>> pollers_ ABSL_GUARDED_BY(mu_);
  int streams_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread scheduler_;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_REGISTRY_H_
