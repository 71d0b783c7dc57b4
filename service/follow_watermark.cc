#include "service/follow_watermark.h"

#include <algorithm>
#include <tuple>

namespace kapso::service {

bool operator<(const FollowItemKey& a, const FollowItemKey& b) {
  return std::tie(a.time, a.id) < std::tie(b.time, b.id);
}

bool FollowWatermark::Covers(const FollowItemKey& key) const {
  if (!set_ || key.time > time_) return false;
  if (key.time < time_) return true;
  if (!floor_id_.empty() && key.id <= floor_id_) return true;
  return std::binary_search(ids_.begin(), ids_.end(), key.id);
}

void FollowWatermark::Advance(const FollowItemKey& key) {
  if (Covers(key)) return;
  if (!set_ || key.time > time_) {
    set_ = true;
    time_ = key.time;
    floor_id_.clear();
    ids_ = {key.id};
    return;
  }
  ids_.insert(std::upper_bound(ids_.begin(), ids_.end(), key.id), key.id);
  if (ids_.size() > kMaxIds) {
    floor_id_ = ids_.front();  // > the old floor: ids_ only holds ids above it
    ids_.erase(ids_.begin());
  }
}

bool FollowWatermark::CoversAll(const FollowWatermark& other) const {
  if (!other.set_) return true;
  if (!set_ || time_ < other.time_) return false;
  if (time_ > other.time_) return true;
  if (!other.floor_id_.empty() && (floor_id_.empty() || other.floor_id_ > floor_id_)) {
    return false;
  }
  return std::all_of(other.ids_.begin(), other.ids_.end(), [this](const std::string& id) {
    return Covers({time_, id});
  });
}

void FollowWatermark::ToProto(kapso::internal::FollowToken* token) const {
  token->set_unset(!set_);
  if (!set_) return;
  absl::Duration since_epoch = time_ - absl::UnixEpoch();
  int64_t seconds = absl::IDivDuration(since_epoch, absl::Seconds(1), &since_epoch);
  token->set_seconds(seconds);
  token->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch)));
  token->set_floor_id(floor_id_);
  for (const std::string& id : ids_) token->add_ids(id);
}

FollowWatermark FollowWatermark::FromProto(const kapso::internal::FollowToken& token) {
  FollowWatermark mark;
  if (token.unset()) return mark;
  mark.set_ = true;
  mark.time_ = absl::FromUnixSeconds(token.seconds()) + absl::Nanoseconds(token.nanos());
  mark.floor_id_ = token.floor_id();
  mark.ids_.assign(token.ids().begin(), token.ids().end());
  std::sort(mark.ids_.begin(), mark.ids_.end());  // a token is caller input
  if (mark.ids_.size() > kMaxIds) mark.ids_.resize(kMaxIds);
  return mark;
}

}  // namespace kapso::service
