#include "kapso_client/coalescing_transport.h"

#include <algorithm>
#include <utility>

#include "kapso_client/request_identity.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

// The mutable fields of Waiter and Group are guarded by the transport's mu_.
// Clang's analysis cannot name another object's mutex in ABSL_GUARDED_BY, so
// the rule is kept by structure instead: besides Join and WatchWaiter (which
// lock), only the ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) members MarkLeft,
// TakeWaiters and CarryOver touch them.
struct CoalescingTransport::Waiter {
  HttpCallback done;
  std::shared_ptr<Cancellation> cancellation;
  absl::Time deadline = absl::InfiniteFuture();
  // The group it waits on now (a carry-over moves it). Weak: the group owns
  // its waiters, and the inner transport's callback owns the group.
  std::weak_ptr<Group> group;
  int64_t cancel_handle = 0;  // 0 until stored by Send
  bool answered = false;
};

struct CoalescingTransport::Group {
  HttpRequest request;  // kept for a re-issue
  absl::Time deadline = absl::InfiniteFuture();
  std::vector<WaiterPtr> waiters;
  int live = 0;  // waiters not yet answered
  std::shared_ptr<Cancellation> upstream_cancellation = std::make_shared<Cancellation>();
};

CoalescingTransport::CoalescingTransport(HttpTransport* inner, Scheduler* scheduler)
    : inner_(inner), scheduler_(scheduler) {}

void CoalescingTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (!IsIdempotent(request.method)) {
    return inner_->Send(std::move(request), std::move(options), std::move(done));
  }
  std::string key = RequestIdentity(request);
  auto waiter = std::make_shared<Waiter>();
  waiter->done = std::move(done);
  waiter->cancellation = std::move(options.cancellation);
  waiter->deadline = options.deadline;
  GroupPtr issue = Join(key, request, waiter);
  if (issue == nullptr) coalesced_.fetch_add(1, std::memory_order_relaxed);
  WatchWaiter(key, waiter, issue != nullptr);
  if (issue != nullptr) Issue(key, issue);
}

CoalescingTransport::GroupPtr CoalescingTransport::Join(const std::string& key,
                                                        HttpRequest& request,
                                                        const WaiterPtr& waiter) {
  absl::MutexLock lock(&mu_);
  GroupPtr& slot = groups_[key];
  GroupPtr created;
  if (slot == nullptr) {
    created = slot = std::make_shared<Group>();
    created->request = std::move(request);
    created->deadline = waiter->deadline;
  }
  waiter->group = slot;
  slot->waiters.push_back(waiter);
  ++slot->live;
  return created;
}

// A waiter leaves early when its own call is cancelled or its own deadline
// passes; the shared call goes on for the others. The leader needs no timer:
// its deadline is the shared call's, which the inner transport enforces.
void CoalescingTransport::WatchWaiter(const std::string& key, const WaiterPtr& waiter,
                                      bool leader) {
  if (waiter->cancellation != nullptr) {
    int64_t handle = waiter->cancellation->Register([this, key, waiter] {
      Leave(key, waiter,
            MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED"));
    });
    absl::MutexLock lock(&mu_);  // Complete reads it on another thread
    waiter->cancel_handle = handle;
  }
  if (!leader && waiter->deadline != absl::InfiniteFuture()) {
    scheduler_->RunAt(waiter->deadline, [this, key, waiter] {
      Leave(key, waiter,
            MakeError(absl::StatusCode::kDeadlineExceeded,
                      "Kapso did not answer before the deadline", "KAPSO_TIMEOUT"));
    });
  }
}

void CoalescingTransport::Issue(const std::string& key, const GroupPtr& group) {
  // Only this thread reads the group's request and deadline: they were set
  // before the group was published and never change.
  inner_->Send(group->request, CallOptions{group->deadline, group->upstream_cancellation},
               [this, key, group](absl::StatusOr<HttpResponse> outcome) {
                 Complete(key, group, std::move(outcome));
               });
}

void CoalescingTransport::Leave(const std::string& key, const WaiterPtr& waiter, absl::Status why) {
  GroupPtr emptied;
  {
    absl::MutexLock lock(&mu_);
    if (!MarkLeft(key, waiter, emptied)) return;
  }
  std::move(waiter->done)(std::move(why));
  if (emptied != nullptr) emptied->upstream_cancellation->Cancel();
}

bool CoalescingTransport::MarkLeft(const std::string& key, const WaiterPtr& waiter,
                                   GroupPtr& emptied) {
  if (waiter->answered) return false;
  waiter->answered = true;
  GroupPtr group = waiter->group.lock();  // null only if its call was dropped
  if (group != nullptr && --group->live == 0) {
    emptied = group;
    auto it = groups_.find(key);
    if (it != groups_.end() && it->second == emptied) groups_.erase(it);
  }
  return true;
}

CoalescingTransport::GroupPtr CoalescingTransport::CarryOver(const std::string& key,
                                                             const GroupPtr& group,
                                                             std::vector<WaiterPtr>& to_answer) {
  GroupPtr next;
  for (auto& waiter : group->waiters) {
    if (waiter->answered) continue;
    if (waiter->deadline <= group->deadline) {
      waiter->answered = true;
      to_answer.push_back(waiter);
      continue;
    }
    if (next == nullptr) {
      next = std::make_shared<Group>();
      next->request = group->request;
      next->deadline = waiter->deadline;
    }
    next->deadline = std::max(next->deadline, waiter->deadline);
    waiter->group = next;
    next->waiters.push_back(waiter);
    ++next->live;
  }
  group->live = 0;
  if (next != nullptr) groups_[key] = next;
  return next;
}

void CoalescingTransport::Complete(const std::string& key, const GroupPtr& group,
                                   absl::StatusOr<HttpResponse> outcome) {
  std::vector<std::pair<WaiterPtr, int64_t>> to_answer;
  GroupPtr reissue;
  {
    absl::MutexLock lock(&mu_);
    reissue = TakeWaiters(key, group, outcome, to_answer);
  }
  for (size_t i = 0; i < to_answer.size(); ++i) {
    auto& [waiter, cancel_handle] = to_answer[i];
    // A handle not stored yet stays registered until the call ends; its
    // callback then finds the waiter answered and does nothing.
    if (waiter->cancellation != nullptr && cancel_handle != 0) {
      waiter->cancellation->Unregister(cancel_handle);
    }
    // Each waiter gets its own copy; the last one (the only one, mostly)
    // takes the answer itself, so nothing else holds its parse.
    if (i + 1 < to_answer.size()) {
      std::move(waiter->done)(outcome);
    } else {
      std::move(waiter->done)(std::move(outcome));
    }
  }
  if (reissue != nullptr) Issue(key, reissue);
}

CoalescingTransport::GroupPtr CoalescingTransport::TakeWaiters(
    const std::string& key, const GroupPtr& group, const absl::StatusOr<HttpResponse>& outcome,
    std::vector<std::pair<WaiterPtr, int64_t>>& to_answer) {
  auto it = groups_.find(key);
  if (it != groups_.end() && it->second == group) groups_.erase(it);
  // Only a failure by the shared call's own deadline is possibly another
  // caller's failure; any other outcome is everyone's answer.
  bool by_deadline =
      !outcome.ok() && outcome.status().code() == absl::StatusCode::kDeadlineExceeded;
  std::vector<WaiterPtr> answered;
  GroupPtr reissue;
  if (by_deadline) {
    reissue = CarryOver(key, group, answered);
  } else {
    for (auto& waiter : group->waiters) {
      if (waiter->answered) continue;
      waiter->answered = true;
      answered.push_back(waiter);
    }
    group->live = 0;
  }
  for (auto& waiter : answered) to_answer.emplace_back(waiter, waiter->cancel_handle);
  group->waiters.clear();  // answered or moved on
  return reissue;
}

}  // namespace kapso::client
