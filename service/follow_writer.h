#ifndef SERVICE_FOLLOW_WRITER_H_
#define SERVICE_FOLLOW_WRITER_H_

#include <string>

#include "absl/status/status.h"
#include "service/follow_item.h"

namespace kapso::service {

// The gRPC side of a follow stream (FollowStream), as FollowSubscription
// drives it: at most one Write in flight (each answered by
// FollowSubscription::OnWriteDone), then exactly one End.
class FollowWriter {
 public:
  virtual ~FollowWriter() = default;

  // Starts writing one response: `items` (oldest first) and `token`.
  virtual void Write(const FollowBatch& items, const std::string& token) = 0;

  // Finishes the call with `status` (mapped to gRPC at the edge).
  virtual void End(const absl::Status& status) = 0;
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_WRITER_H_
