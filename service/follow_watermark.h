#ifndef SERVICE_FOLLOW_WATERMARK_H_
#define SERVICE_FOLLOW_WATERMARK_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "kapso/internal/follow_token.pb.h"

namespace kapso::service {

// Where an item sits in a followed list: Kapso orders its logs by
// created_at; ties are broken by id so the order is total.
struct FollowItemKey {
  absl::Time time;
  std::string id;
};

bool operator<(const FollowItemKey& a, const FollowItemKey& b);

// How far a follow stream has read: the newest item time delivered and the
// ids delivered at exactly that time. Ids, not just "the largest id", because
// two items of the same instant may appear in Kapso's list in any id order;
// a later one with a smaller id must still be new. The id list is capped
// (kMaxIds) so a token stays small: past the cap the smallest ids fold into
// `floor_id` (ids <= floor at that instant count as delivered), exact unless
// more than kMaxIds items share one instant *and* arrive out of id order.
class FollowWatermark {
 public:
  static constexpr size_t kMaxIds = 32;

  // Before everything: every item is new.
  FollowWatermark() = default;

  // Whether `key` was delivered (or is older than what was).
  bool Covers(const FollowItemKey& key) const;

  // Records `key` as delivered. Keys come oldest first; an older one than
  // the watermark is already covered and changes nothing.
  void Advance(const FollowItemKey& key);

  // Whether every key `other` covers is covered here too.
  bool CoversAll(const FollowWatermark& other) const;

  bool is_set() const { return set_; }
  absl::Time time() const { return time_; }

  void ToProto(kapso::internal::FollowToken* token) const;
  static FollowWatermark FromProto(const kapso::internal::FollowToken& token);

 private:
  bool set_ = false;
  absl::Time time_ = absl::InfinitePast();
  std::string floor_id_;          // "" : no floor
  std::vector<std::string> ids_;  // sorted, each > floor_id_
};

}  // namespace kapso::service

#endif  // SERVICE_FOLLOW_WATERMARK_H_
