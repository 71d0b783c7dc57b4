#ifndef KAPSO_CLIENT_RATE_LIMIT_GATE_H_
#define KAPSO_CLIENT_RATE_LIMIT_GATE_H_

#include <atomic>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

// Remembers Kapso's rate-limit budget and refuses, without calling Kapso,
// requests Kapso would refuse anyway. Budgets are kept per API key (a key
// belongs to one project): the general budget from X-RateLimit-Remaining,
// the health budget from X-Health-RateLimit-{Second,Minute}-Remaining, and a
// block after a 429 for its Retry-After. A refused request gets
// RESOURCE_EXHAUSTED, reason KAPSO_BUDGET_EXHAUSTED, with a RetryInfo
// saying when the budget comes back. Kapso's windows are fixed minutes (and
// seconds for health) whose edges it does not announce, so a spent budget
// is assumed back one window after it was seen spent. No block, learned or
// from a 429's Retry-After, lasts longer than `max_block`; a 429 without a readable one blocks for
// a second, so one request a second probes whether the limit has passed.
class RateLimitGate final : public HttpTransport {
 public:
  RateLimitGate(HttpTransport* inner, Scheduler* clock,
                absl::Duration max_block = absl::Minutes(5));

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  int64_t refused() const { return refused_.load(std::memory_order_relaxed); }

 private:
  // One budget: how many requests Kapso still allows, and until when none.
  struct Budget {
    int64_t remaining = -1;  // unknown until Kapso says, and after a block
    absl::Time blocked_until = absl::InfinitePast();
  };
  struct KeyBudgets {
    Budget general;
    Budget health_second;
    Budget health_minute;
  };

  // How long until `budget` allows a request (zero: now). A budget seen
  // spent blocks for one `window`.
  static absl::Duration Wait(Budget& budget, absl::Time now, absl::Duration window);
  // Counts one request sent against `budget`.
  static void Take(Budget& budget);
  // Reads Kapso's remaining count from `header` of `response`.
  static void Update(Budget& budget, const HttpResponse& response, const char* header,
                     absl::Time now, absl::Duration window);
  // How long until `key` may send (zero: now, and the request is counted).
  absl::Duration Reserve(const std::string& key, bool health) ABSL_LOCKS_EXCLUDED(mu_);
  // RESOURCE_EXHAUSTED (KAPSO_BUDGET_EXHAUSTED) with a RetryInfo of `wait`.
  absl::Status Refusal(const HttpRequest& request, absl::Duration wait);
  void Learn(const std::string& key, bool health, const absl::StatusOr<HttpResponse>& outcome);
  // Kapso's window, at most max_block_.
  absl::Duration Window(absl::Duration kapso_window) const;
  // The budgets of `key`, made when new; bounded in number.
  KeyBudgets& BudgetsOf(const std::string& key, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  static constexpr size_t kMaxKeys = 4096;

  HttpTransport* const inner_;
  Scheduler* const clock_;
  const absl::Duration max_block_;
  std::atomic<int64_t> refused_{0};
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, KeyBudgets> budgets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_RATE_LIMIT_GATE_H_
