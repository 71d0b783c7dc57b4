#include "kapso_client/rate_limit_gate.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "kapso_client/http_status_mapping.h"
#include "kapso_client/kapso_endpoints.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
absl::Duration RateLimitGate::Wait(Budget& budget, absl::Time now, absl::Duration window) {
  if (budget.blocked_until > now) return budget.blocked_until - now;
  if (budget.remaining == 0) {
    // Spent by our own count: back one window from now, count unknown again.
    budget.remaining = -1;
    budget.blocked_until = now + window;
    return window;
  }
  return absl::ZeroDuration();
}

void RateLimitGate::Take(Budget& budget) {
  if (budget.remaining > 0) --budget.remaining;  // our estimate until Kapso's next word
}

void RateLimitGate::Update(Budget& budget, const HttpResponse& response, const char* header,
                           absl::Time now, absl::Duration window) {
  const std::string* value = response.Header(header);
  int64_t parsed = 0;
  if (value == nullptr || !absl::SimpleAtoi(*value, &parsed)) return;
  budget.remaining = parsed;
  if (parsed == 0) {
    // Spent: the block says so until the window turns; then the count is
    // unknown again (remaining 0 would re-block forever).
    budget.remaining = -1;
    budget.blocked_until = std::max(budget.blocked_until, now + window);
  }
}

RateLimitGate::RateLimitGate(HttpTransport* inner, Scheduler* clock, absl::Duration max_block)
    : inner_(inner), clock_(clock), max_block_(max_block) {}

absl::Duration RateLimitGate::Window(absl::Duration kapso_window) const {
  return std::min(kapso_window, max_block_);
}

RateLimitGate::KeyBudgets& RateLimitGate::BudgetsOf(const std::string& key, absl::Time now) {
  if (budgets_.size() >= kMaxKeys && !budgets_.contains(key)) {
    // Callers may bring any number of keys (--allow_caller_api_keys): keep
    // only the budgets that still block something.
    absl::erase_if(budgets_, [now](const auto& entry) {
      const KeyBudgets& b = entry.second;
      return std::max({b.general.blocked_until, b.health_second.blocked_until,
                       b.health_minute.blocked_until}) <= now;
    });
  }
  return budgets_[key];
}

absl::Duration RateLimitGate::Reserve(const std::string& key, bool health) {
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  KeyBudgets& b = BudgetsOf(key, now);
  absl::Duration wait = Wait(b.general, now, Window(absl::Minutes(1)));
  if (health) {
    wait = std::max({wait, Wait(b.health_second, now, Window(absl::Seconds(1))),
                     Wait(b.health_minute, now, Window(absl::Minutes(1)))});
  }
  // Only a request that goes out uses up budget.
  if (wait == absl::ZeroDuration()) {
    Take(b.general);
    if (health) {
      Take(b.health_second);
      Take(b.health_minute);
    }
  }
  return wait;
}

absl::Status RateLimitGate::Refusal(const HttpRequest& request, absl::Duration wait) {
  refused_.fetch_add(1, std::memory_order_relaxed);
  absl::Duration retry = absl::Ceil(wait, absl::Seconds(1));
  absl::Status status =
      MakeError(absl::StatusCode::kResourceExhausted,
                absl::StrCat("Kapso's rate limit for this key is spent; retry in ",
                             absl::FormatDuration(retry)),
                "KAPSO_BUDGET_EXHAUSTED",
                {{"kapso_method", std::string(HttpMethodName(request.method))},
                 {"kapso_path", request.path}});
  SetRetryDelay(status, retry);
  return status;
}

void RateLimitGate::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  const bool health = IsPhoneNumberHealthCheck(request);
  std::string key = absl::StrCat(absl::HashOf(request.api_key));
  if (absl::Duration wait = Reserve(key, health); wait > absl::ZeroDuration()) {
    return std::move(done)(Refusal(request, wait));
  }
  inner_->Send(std::move(request), std::move(options),
               [this, key = std::move(key), health,
                done = std::move(done)](absl::StatusOr<HttpResponse> outcome) mutable {
                 Learn(key, health, outcome);
                 std::move(done)(std::move(outcome));
               });
}

void RateLimitGate::Learn(const std::string& key, bool health,
                          const absl::StatusOr<HttpResponse>& outcome) {
  if (!outcome.ok()) return;
  absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  KeyBudgets& b = BudgetsOf(key, now);
  if (health) {
    Update(b.health_second, *outcome, "x-health-ratelimit-second-remaining", now,
           Window(absl::Seconds(1)));
    Update(b.health_minute, *outcome, "x-health-ratelimit-minute-remaining", now,
           Window(absl::Minutes(1)));
  }
  Update(b.general, *outcome, "x-ratelimit-remaining", now, Window(absl::Minutes(1)));
  if (outcome->status == 429) {
    // Kapso said exactly when: block that budget (health or general) until then.
    absl::Duration after = ParseRetryAfter(*outcome, now, max_block_).value_or(absl::Seconds(1));
    Budget& budget = health ? b.health_minute : b.general;
    budget.blocked_until = std::max(budget.blocked_until, now + after);
  }
}

}  // namespace kapso::client
