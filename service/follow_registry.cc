#include "service/follow_registry.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

// How often the scheduler looks for due polls: the jitter of an interval.
constexpr absl::Duration kTick = absl::Milliseconds(20);

}  // namespace

FollowRegistry::FollowRegistry(client::KapsoClient* client, const FollowOptions& options)
    : client_(client), options_(options), scheduler_([this] { Run(); }) {}

FollowRegistry::~FollowRegistry() {
  Shutdown();
  if (scheduler_.joinable()) scheduler_.join();
}

void FollowRegistry::Run() {
  for (;;) {
    std::vector<std::shared_ptr<FollowPoller>> due;
    {
      absl::MutexLock lock(&mu_);
      // Wakes early only to stop.
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), kTick);
      if (stopping_) return;
      for (const auto& [key, poller] : pollers_) due.push_back(poller);
    }
    absl::Time now = absl::Now();
    for (const auto& poller : due) poller->Tick(now);
  }
}

absl::StatusOr<std::shared_ptr<FollowPoller>> FollowRegistry::Join(
    const std::string& key, const std::string& api_key,
    const std::function<std::shared_ptr<const FollowSource>()>& make_source,
    std::shared_ptr<FollowSubscription> subscription) {
  std::shared_ptr<FollowPoller> poller;
  std::optional<FollowWatermark> mark;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) {
      return client::MakeError(absl::StatusCode::kUnavailable, "server shutting down",
                               "SERVER_SHUTTING_DOWN");
    }
    if (streams_ >= options_.max_streams) {
      return client::MakeError(absl::StatusCode::kResourceExhausted,
                               absl::StrCat("this server follows ", options_.max_streams,
                                            " streams already; try another replica or later"),
                               "FOLLOW_STREAM_LIMIT");
    }
    std::shared_ptr<FollowPoller>& slot = pollers_[key];
    if (slot == nullptr || slot->stopped()) {
      slot = std::make_shared<FollowPoller>(make_source(), client_, api_key, options_);
    }
    poller = slot;
    ++streams_;
    // Under the lock: a Leave cannot drop the poller between the two.
    mark = poller->Subscribe(subscription);
    Report();
  }
  // Outside it: priming may write to (and so end) the stream.
  if (mark.has_value()) poller->Prime({std::move(subscription)}, *mark);
  return poller;
}

void FollowRegistry::Leave(const std::string& key, const std::shared_ptr<FollowPoller>& poller,
                           const FollowSubscription* subscription) {
  absl::MutexLock lock(&mu_);
  size_t remaining = poller->Unsubscribe(subscription);
  --streams_;
  auto it = pollers_.find(key);
  if (remaining == 0 && it != pollers_.end() && it->second == poller) pollers_.erase(it);
  Report();
}

void FollowRegistry::Report() {
  if (options_.on_change) options_.on_change(streams_, static_cast<int>(pollers_.size()));
}

void FollowRegistry::Shutdown() {
  std::vector<std::shared_ptr<FollowPoller>> pollers;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    for (const auto& [key, poller] : pollers_) pollers.push_back(poller);
  }
  absl::Status status =
      client::MakeError(absl::StatusCode::kUnavailable,
                        "server shutting down; resume on another replica with the resume_token",
                        "SERVER_SHUTTING_DOWN");
  for (const auto& poller : pollers) poller->EndAll(status);
}

int FollowRegistry::streams() const {
  absl::MutexLock lock(&mu_);
  return streams_;
}

int FollowRegistry::pollers() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(pollers_.size());
}

}  // namespace kapso::service
