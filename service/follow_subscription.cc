#include "service/follow_subscription.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kapso_client/status_details.h"

namespace kapso::service {

FollowSubscription::FollowSubscription(FollowWriter* writer, TokenOf token_of,
                                       size_t max_buffered_items,
                                       std::optional<FollowWatermark> resume_from)
    : writer_(writer),
      token_of_(std::move(token_of)),
      max_items_(std::max<size_t>(1, max_buffered_items)),
      resume_from_(std::move(resume_from)) {
  // Ended before anything was written: the caller may resume where it asked.
  if (resume_from_.has_value()) written_token_ = token_of_(*resume_from_);
}

absl::Status FollowSubscription::Overflow(size_t bound) {
  return client::MakeError(
      absl::StatusCode::kResourceExhausted,
      absl::StrCat("the stream's reader fell behind by more than ", bound,
                   " items; resume with the resume_token in the error details"),
      "FOLLOW_BUFFER_OVERFLOW");
}

std::optional<FollowWatermark> FollowSubscription::OnPrimed(const FollowWatermark& poller_mark) {
  bool overflow = false;
  std::optional<FollowWatermark> catch_up;
  {
    absl::MutexLock lock(&mu_);
    if (state_ != State::kWaiting) return std::nullopt;
    if (resume_from_.has_value() && !resume_from_->CoversAll(poller_mark)) {
      state_ = State::kCatchingUp;
      mark_ = *resume_from_;
      catch_up = mark_;
    } else {
      mark_ = resume_from_.value_or(poller_mark);
      Queue({}, false);  // the first response: live, and its token
      overflow = !GoLive();
    }
  }
  if (overflow) End(Overflow(max_items_));
  Pump();
  return catch_up;
}

void FollowSubscription::OnCatchUp(absl::StatusOr<FollowBatch> items) {
  if (!items.ok()) return End(items.status());
  bool overflow = false;
  {
    absl::MutexLock lock(&mu_);
    if (state_ != State::kCatchingUp) return;
    // Not bounded: its size is bounded by the read's call budget, and a
    // reader cannot be slow before it got anything.
    size_t before = queue_.size();
    Queue(*items, false);
    if (queue_.size() == before) Queue({}, false);
    overflow = !GoLive();
  }
  if (overflow) End(Overflow(max_items_));
  Pump();
}

void FollowSubscription::OnItems(const std::shared_ptr<const FollowBatch>& batch) {
  bool overflow = false;
  {
    absl::MutexLock lock(&mu_);
    if (state_ == State::kEnded) return;
    if (state_ != State::kLive) {
      overflow = held_items_ > 0 && held_items_ + batch->size() > max_items_;
      held_.push_back(batch);
      held_items_ += batch->size();
    } else {
      overflow = !Queue(*batch, true);
    }
  }
  if (overflow) return End(Overflow(max_items_));
  Pump();
}

bool FollowSubscription::GoLive() {
  state_ = State::kLive;
  for (const auto& batch : held_) {
    if (!Queue(*batch, true)) return false;
  }
  held_.clear();
  held_items_ = 0;
  return true;
}

bool FollowSubscription::Queue(const FollowBatch& items, bool bounded) {
  FollowBatch fresh;
  for (const FollowItem& item : items) {
    if (!mark_.Covers(item.key)) fresh.push_back(item);
  }
  // A stream with nothing unwritten takes a whole poll's items (bounded by
  // the read's call budget); one still writing older ones may lag this far.
  if (bounded && queued_items_ > 0 && queued_items_ + fresh.size() > max_items_) return false;
  if (items.empty()) queue_.push_back({{}, token_of_(mark_)});
  for (size_t i = 0; i < fresh.size(); i += kMaxItemsPerResponse) {
    Response response;
    size_t end = std::min(fresh.size(), i + kMaxItemsPerResponse);
    response.items.assign(fresh.begin() + i, fresh.begin() + end);
    for (const FollowItem& item : response.items) mark_.Advance(item.key);
    response.token = token_of_(mark_);
    queued_items_ += response.items.size();
    queue_.push_back(std::move(response));
  }
  return true;
}

void FollowSubscription::Heartbeat(absl::Time now, absl::Duration every) {
  {
    absl::MutexLock lock(&mu_);
    if (state_ != State::kLive || writing_ || !queue_.empty() || now - last_write_ < every) {
      return;
    }
    Queue({}, false);
  }
  Pump();
}

void FollowSubscription::End(absl::Status status) {
  {
    absl::MutexLock lock(&mu_);
    if (state_ == State::kEnded) return;
    state_ = State::kEnded;
    queue_.clear();  // not written: the token says where to resume instead
    queued_items_ = 0;
    held_.clear();
    finish_ = std::move(status);
  }
  Pump();
}

void FollowSubscription::Pump() {
  Response next;
  std::optional<absl::Status> finish;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || writing_) return;
    if (finish_.has_value()) {
      finished_ = true;
      finish = *finish_;
      if (!written_token_.empty()) {
        client::SetErrorMetadata(*finish, "resume_token", written_token_);
      }
    } else {
      if (queue_.empty()) return;
      next = std::move(queue_.front());
      queue_.pop_front();
      queued_items_ -= next.items.size();
      writing_ = true;
      in_flight_token_ = next.token;
      last_write_ = absl::Now();
    }
  }
  // Outside the lock: gRPC may run OnWriteDone (or OnDone) inline.
  if (finish.has_value()) return writer_->End(*finish);
  writer_->Write(next.items, next.token);
}

void FollowSubscription::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (ok) written_token_ = in_flight_token_;
  }
  if (!ok) {
    End(client::MakeError(absl::StatusCode::kCancelled, "the stream was cancelled",
                          "FOLLOW_CANCELLED"));
  }
  Pump();
}

void FollowSubscription::OnCancel() {
  End(client::MakeError(absl::StatusCode::kCancelled, "the caller cancelled the stream",
                        "FOLLOW_CANCELLED"));
}

}  // namespace kapso::service
