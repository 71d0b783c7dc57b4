#ifndef SERVICE_FOLLOW_OPTIONS_H_
#define SERVICE_FOLLOW_OPTIONS_H_

#include <cstddef>
#include <functional>

#include "absl/time/time.h"

namespace kapso::service {

// Live tails (Triage.Follow*): server flags --follow_*, --max_follow_streams.
struct FollowOptions {
  // One upstream poll per interval per (API key, RPC, filters).
  absl::Duration poll_interval = absl::Seconds(2);
  // Items a stream may have queued but unwritten: when a poll's new items
  // would take it past this while it still has older ones to write, it ends
  // with RESOURCE_EXHAUSTED (FOLLOW_BUFFER_OVERFLOW) and its resume token.
  // (A stream with nothing unwritten always takes one poll's items.)
  size_t buffer_items = 1000;
  // Streams open at once (beyond: RESOURCE_EXHAUSTED, FOLLOW_STREAM_LIMIT);
  // also bounds the pollers, one per distinct stream at most.
  int max_streams = 10000;
  // Polls failing (Kapso down, throttling, circuit open) this long end the
  // streams with UNAVAILABLE and their tokens; until then they back off.
  absl::Duration max_outage = absl::Minutes(1);
  // Deadline of one poll (its pages and retries).
  absl::Duration poll_timeout = absl::Seconds(10);
  // Most Kapso requests one poll or catch-up read may make (pages).
  int max_upstream_calls_per_read = 64;
  // A stream that wrote nothing this long gets an empty response (its
  // current token): a mesh proxy's stream idle timeout never ends a quiet
  // tail, and a caller sees the stream is alive.
  absl::Duration heartbeat = absl::Seconds(30);
  // Told the counts of streams and pollers whenever they change (metrics).
  std::function<void(int streams, int pollers)> on_change;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_OPTIONS_H_
