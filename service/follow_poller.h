#ifndef SERVICE_FOLLOW_POLLER_H_
#define SERVICE_FOLLOW_POLLER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/cancellation.h"
#include "kapso_client/kapso_client.h"
#include "service/follow_options.h"
#include "service/follow_source.h"
#include "service/follow_subscription.h"
#include "service/follow_watermark.h"

namespace kapso::service {

// Polls one of Kapso's lists for one (API key, RPC, filters) every
// interval while it has subscribers, and fans each new item out to all of
// them: a thousand followers cost Kapso what one does. Polls go through
// KapsoClient, so the rate-limit gate, circuit breaker and call budgets
// apply; a failed poll backs off (Kapso's RetryInfo or doubling intervals)
// instead of ending the streams, until `max_outage`. The first poll only
// learns "now" (the newest item); later ones read what is newer.
class FollowPoller : public std::enable_shared_from_this<FollowPoller> {
 public:
  FollowPoller(std::shared_ptr<const FollowSource> source, client::KapsoClient* client,
               std::string api_key, const FollowOptions& options);

  // Adds a stream. Returns the poller's mark when it already knows "now":
  // the caller then calls Prime (outside its own locks); otherwise the
  // poller primes the stream after its first read.
  std::optional<FollowWatermark> Subscribe(std::shared_ptr<FollowSubscription> subscription);
  // Tells `subscriptions` where now is, and starts the catch-up reads of
  // those resuming from before it.
  void Prime(std::vector<std::shared_ptr<FollowSubscription>> subscriptions,
             const FollowWatermark& mark);
  // Removes a stream; returns how many remain.
  size_t Unsubscribe(const FollowSubscription* subscription);
  // Starts a poll when one is due (the registry's scheduler calls this).
  void Tick(absl::Time now);
  // Ends every stream with `status` and stops polling for good.
  void EndAll(const absl::Status& status);
  bool stopped() const;

 private:
  void OnPolled(absl::StatusOr<FollowBatch> items);
  // Back off after a failed poll, or end the streams when it is permanent
  // or has lasted max_outage.
  void OnFailure(const absl::Status& status);
  void CatchUp(std::shared_ptr<FollowSubscription> subscription, const FollowWatermark& from);
  client::RequestContext NewContext() const;

  const std::shared_ptr<const FollowSource> source_;
  client::KapsoClient* const client_;
  const std::string api_key_;
  const FollowOptions options_;
  // Cancelled by EndAll: ends the reads in flight.
  const std::shared_ptr<client::Cancellation> cancellation_;
  mutable absl::Mutex mu_;
  std::vector<std::shared_ptr<FollowSubscription>> subscriptions_ ABSL_GUARDED_BY(mu_);
  FollowWatermark mark_ ABSL_GUARDED_BY(mu_);
  bool primed_ ABSL_GUARDED_BY(mu_) = false;
  bool polling_ ABSL_GUARDED_BY(mu_) = false;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time next_poll_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  absl::Time failing_since_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  int failures_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_POLLER_H_
