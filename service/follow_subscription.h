#ifndef SERVICE_FOLLOW_SUBSCRIPTION_H_
#define SERVICE_FOLLOW_SUBSCRIPTION_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/follow_item.h"
#include "service/follow_watermark.h"
#include "service/follow_writer.h"

namespace kapso::service {

// One follow stream's state between the shared poller and its gRPC call:
// its own watermark (so each item reaches it once, in order, whatever the
// poller fans out), a bounded queue of responses (a slow reader overflows
// it and ends with RESOURCE_EXHAUSTED instead of growing memory), and the
// resume token of the last response written, which every ending carries in
// its ErrorInfo metadata `resume_token`.
//
// Lifecycle: waiting for the poller's first read -> (catching up from a
// resume token) -> live -> ended. Live batches arriving while waiting or
// catching up are held (and count against the bound). Methods are called
// from any thread; none is called with the poller's or registry's lock held,
// because ending a call may run gRPC's OnDone (which leaves the poller)
// inline.
class FollowSubscription {
 public:
  using TokenOf = std::function<std::string(const FollowWatermark&)>;

  // Items per response: bounds one message's size.
  static constexpr size_t kMaxItemsPerResponse = 100;

  FollowSubscription(FollowWriter* writer, TokenOf token_of, size_t max_buffered_items,
                     std::optional<FollowWatermark> resume_from);

  // The poller knows "now" (`poller_mark`). Returns where to catch up from
  // when the stream resumes from before it (the poller reads since there and
  // calls OnCatchUp); nullopt: the stream is live.
  std::optional<FollowWatermark> OnPrimed(const FollowWatermark& poller_mark);
  void OnCatchUp(absl::StatusOr<FollowBatch> items);
  // New items the poller read, oldest first.
  void OnItems(const std::shared_ptr<const FollowBatch>& batch);
  // Queues an empty response (the current token) when the stream is live and
  // wrote nothing for `every`: keeps proxies from ending a quiet stream.
  void Heartbeat(absl::Time now, absl::Duration every);
  // Ends the stream (once written responses are done) with its token.
  void End(absl::Status status);

  // From the gRPC call.
  void OnWriteDone(bool ok);
  void OnCancel();

 private:
  struct Response {
    FollowBatch items;
    std::string token;
  };

  // Queues the items `mark_` does not cover, in responses of at most
  // kMaxItemsPerResponse; false when that would pass the bound.
  bool Queue(const FollowBatch& items, bool bounded) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Queues what was held while not live; false on overflow.
  bool GoLive() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Starts the next write, or the finish, when no write is in flight.
  void Pump() ABSL_LOCKS_EXCLUDED(mu_);
  static absl::Status Overflow(size_t bound);

  FollowWriter* const writer_;
  const TokenOf token_of_;
  const size_t max_items_;
  absl::Mutex mu_;
  enum class State { kWaiting, kCatchingUp, kLive, kEnded };
  State state_ ABSL_GUARDED_BY(mu_) = State::kWaiting;
  std::optional<FollowWatermark> resume_from_ ABSL_GUARDED_BY(mu_);
  FollowWatermark mark_ ABSL_GUARDED_BY(mu_);  // of the last queued item
  std::vector<std::shared_ptr<const FollowBatch>> held_ ABSL_GUARDED_BY(mu_);
  size_t held_items_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<Response> queue_ ABSL_GUARDED_BY(mu_);
  size_t queued_items_ ABSL_GUARDED_BY(mu_) = 0;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_write_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::string in_flight_token_ ABSL_GUARDED_BY(mu_);
  std::string written_token_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Status> finish_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_SUBSCRIPTION_H_
