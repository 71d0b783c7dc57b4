#include "kapso_client/coalescing_transport.h"

#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "kapso_client/status_details.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {

struct CoalescingTransport::Waiter {
  HttpCallback done;
  std::shared_ptr<Cancellation> cancellation;
  int64_t cancel_handle = 0;  // guarded by the transport's mu_
  bool answered = false;      // guarded by the transport's mu_
};

struct CoalescingTransport::Group {
  std::vector<std::shared_ptr<Waiter>> waiters;
  int live = 0;  // waiters not yet answered
  std::shared_ptr<Cancellation> upstream_cancellation = std::make_shared<Cancellation>();
};

std::string RequestIdentity(const HttpRequest& request) {
  // The key itself is never kept in a map: only a hash of it.
  return absl::StrCat(absl::HashOf(request.api_key), " ", HttpMethodName(request.method), " ",
                      request.path, "?", EncodeQuery(request.query));
}

CoalescingTransport::CoalescingTransport(HttpTransport* inner, Scheduler* scheduler)
    : inner_(inner), scheduler_(scheduler) {}

void CoalescingTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (!IsIdempotent(request.method)) {
    return inner_->Send(std::move(request), std::move(options), std::move(done));
  }
  std::string key = RequestIdentity(request);
  auto waiter = std::make_shared<Waiter>();
  waiter->done = std::move(done);
  waiter->cancellation = options.cancellation;
  GroupPtr group;
  bool leader = false;
  {
    absl::MutexLock lock(&mu_);
    GroupPtr& slot = groups_[key];
    if (slot == nullptr) {
      slot = std::make_shared<Group>();
      leader = true;
    }
    group = slot;
    group->waiters.push_back(waiter);
    ++group->live;
  }
  if (!leader) coalesced_.fetch_add(1, std::memory_order_relaxed);
  // A waiter leaves early when its own call is cancelled or its deadline
  // passes; the shared call goes on for the others.
  if (waiter->cancellation != nullptr) {
    int64_t handle = waiter->cancellation->Register([this, key, group, waiter] {
      Leave(key, group, waiter,
            MakeError(absl::StatusCode::kCancelled, "the caller cancelled the call", "CANCELLED"));
    });
    absl::MutexLock lock(&mu_);  // Complete reads it on another thread
    waiter->cancel_handle = handle;
  }
  if (!leader && options.deadline != absl::InfiniteFuture()) {
    scheduler_->RunAt(options.deadline, [this, key, group, waiter] {
      Leave(key, group, waiter,
            MakeError(absl::StatusCode::kDeadlineExceeded,
                      "Kapso did not answer before the deadline", "KAPSO_TIMEOUT"));
    });
  }
  if (!leader) return;
  options.cancellation = group->upstream_cancellation;
  inner_->Send(std::move(request), std::move(options),
               [this, key, group](absl::StatusOr<HttpResponse> outcome) {
                 Complete(key, group, std::move(outcome));
               });
}

void CoalescingTransport::Leave(const std::string& key, const GroupPtr& group,
                                const std::shared_ptr<Waiter>& waiter, absl::Status why) {
  bool cancel_upstream = false;
  {
    absl::MutexLock lock(&mu_);
    if (waiter->answered) return;
    waiter->answered = true;
    if (--group->live == 0) {
      cancel_upstream = true;
      auto it = groups_.find(key);
      if (it != groups_.end() && it->second == group) groups_.erase(it);
    }
  }
  std::move(waiter->done)(std::move(why));
  if (cancel_upstream) group->upstream_cancellation->Cancel();
}

void CoalescingTransport::Complete(const std::string& key, const GroupPtr& group,
                                   absl::StatusOr<HttpResponse> outcome) {
  std::vector<std::pair<std::shared_ptr<Waiter>, int64_t>> to_answer;
  {
    absl::MutexLock lock(&mu_);
    auto it = groups_.find(key);
    if (it != groups_.end() && it->second == group) groups_.erase(it);
    for (auto& waiter : group->waiters) {
      if (!waiter->answered) {
        waiter->answered = true;
        to_answer.emplace_back(waiter, waiter->cancel_handle);
      }
    }
    group->live = 0;
  }
  for (auto& [waiter, cancel_handle] : to_answer) {
    // A handle not stored yet stays registered until the call ends; its
    // callback then finds the waiter answered and does nothing.
    if (waiter->cancellation != nullptr && cancel_handle != 0) {
      waiter->cancellation->Unregister(cancel_handle);
    }
    std::move(waiter->done)(outcome);  // each waiter gets its own copy
  }
}

}  // namespace kapso::client
