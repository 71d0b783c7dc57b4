#include "service/follow_poller.h"

#include <algorithm>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "kapso_client/status_details.h"
#include "service/follow_reader.h"

namespace kapso::service {
namespace {

// Kapso answers these the same way next time: backing off would not help.
bool IsPermanent(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kCancelled:
      return false;
    default:
      return true;
  }
}

// The longest pause between polls while Kapso fails.
constexpr absl::Duration kMaxBackoff = absl::Seconds(30);

}  // namespace

FollowPoller::FollowPoller(std::shared_ptr<const FollowSource> source, client::KapsoClient* client,
                           std::string api_key, const FollowOptions& options)
    : source_(std::move(source)),
      client_(client),
      api_key_(std::move(api_key)),
      options_(options),
      cancellation_(std::make_shared<client::Cancellation>()) {}

client::RequestContext FollowPoller::NewContext() const {
  client::RequestContext context;
  context.options.deadline = absl::Now() + options_.poll_timeout;
  context.options.cancellation = cancellation_;
  context.api_key = api_key_;
  context.budget = std::make_shared<client::CallBudget>(options_.max_upstream_calls_per_read);
  thread_local absl::BitGen gen;
  context.request_id = absl::StrFormat("follow-%016x", absl::Uniform<uint64_t>(gen));
  return context;
}

std::optional<FollowWatermark> FollowPoller::Subscribe(
    std::shared_ptr<FollowSubscription> subscription) {
  absl::MutexLock lock(&mu_);
  subscriptions_.push_back(std::move(subscription));
  if (!primed_) return std::nullopt;
  return mark_;
}

size_t FollowPoller::Unsubscribe(const FollowSubscription* subscription) {
  absl::MutexLock lock(&mu_);
  subscriptions_.erase(
      std::remove_if(subscriptions_.begin(), subscriptions_.end(),
                     [subscription](const auto& s) { return s.get() == subscription; }),
      subscriptions_.end());
  return subscriptions_.size();
}

bool FollowPoller::stopped() const {
  absl::MutexLock lock(&mu_);
  return stopped_;
}

void FollowPoller::Tick(absl::Time now) {
  FollowWatermark since;
  bool newest_only = false;
  {
    absl::MutexLock lock(&mu_);
    if (stopped_ || polling_ || now < next_poll_ || subscriptions_.empty()) return;
    polling_ = true;
    since = mark_;
    newest_only = !primed_;
  }
  ReadSince(source_, client_, since, newest_only, NewContext(),
            [self = shared_from_this()](absl::StatusOr<FollowBatch> items) {
              self->OnPolled(std::move(items));
            });
}

void FollowPoller::OnPolled(absl::StatusOr<FollowBatch> items) {
  if (!items.ok()) return OnFailure(items.status());
  auto batch = std::make_shared<FollowBatch>();
  std::vector<std::shared_ptr<FollowSubscription>> subscriptions;
  bool priming = false;
  FollowWatermark mark;
  {
    absl::MutexLock lock(&mu_);
    priming = !primed_;
    for (FollowItem& item : *items) {
      if (mark_.Covers(item.key)) continue;
      mark_.Advance(item.key);
      batch->push_back(std::move(item));
    }
    primed_ = true;
    mark = mark_;
    subscriptions = subscriptions_;
    failures_ = 0;
    failing_since_ = absl::InfiniteFuture();
  }
  // Fan-out outside the lock (see FollowSubscription); polls never overlap,
  // so batches reach each stream in order.
  if (priming) {
    Prime(std::move(subscriptions), mark);
  } else if (!batch->empty()) {
    for (const auto& subscription : subscriptions) subscription->OnItems(batch);
  } else {
    absl::Time now = absl::Now();
    for (const auto& subscription : subscriptions) {
      subscription->Heartbeat(now, options_.heartbeat);
    }
  }
  absl::MutexLock lock(&mu_);
  polling_ = false;
  next_poll_ = absl::Now() + options_.poll_interval;
}

void FollowPoller::Prime(std::vector<std::shared_ptr<FollowSubscription>> subscriptions,
                         const FollowWatermark& mark) {
  for (auto& subscription : subscriptions) {
    std::optional<FollowWatermark> from = subscription->OnPrimed(mark);
    if (from.has_value()) CatchUp(std::move(subscription), *from);
  }
}

void FollowPoller::CatchUp(std::shared_ptr<FollowSubscription> subscription,
                           const FollowWatermark& from) {
  // One read per resuming stream; identical ones in flight share an upstream
  // call (the coalescing layer).
  ReadSince(source_, client_, from, false, NewContext(),
            [subscription = std::move(subscription)](absl::StatusOr<FollowBatch> items) {
              subscription->OnCatchUp(std::move(items));
            });
}

void FollowPoller::OnFailure(const absl::Status& status) {
  absl::Time now = absl::Now();
  {
    absl::MutexLock lock(&mu_);
    polling_ = false;
    failing_since_ = std::min(failing_since_, now);
    bool give_up = IsPermanent(status.code()) || now - failing_since_ >= options_.max_outage;
    if (!give_up) {
      ++failures_;
      absl::Duration backoff =
          std::min(kMaxBackoff, options_.poll_interval * (1 << std::min(failures_, 5)));
      backoff = std::max(backoff, client::GetRetryDelay(status).value_or(absl::ZeroDuration()));
      next_poll_ = now + std::min(backoff, options_.max_outage);
      return;
    }
  }
  if (IsPermanent(status.code())) return EndAll(status);
  absl::Status outage = client::MakeError(
      absl::StatusCode::kUnavailable,
      absl::StrCat("Kapso could not be polled for ", absl::FormatDuration(options_.max_outage),
                   ": ", status.message()),
      "FOLLOW_UPSTREAM_UNAVAILABLE");
  EndAll(outage);
}

void FollowPoller::EndAll(const absl::Status& status) {
  std::vector<std::shared_ptr<FollowSubscription>> subscriptions;
  {
    absl::MutexLock lock(&mu_);
    stopped_ = true;
    subscriptions = subscriptions_;
  }
  cancellation_->Cancel();
  for (const auto& subscription : subscriptions) subscription->End(status);
}

}  // namespace kapso::service
