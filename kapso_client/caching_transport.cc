#include "kapso_client/caching_transport.h"

#include <optional>

#include "kapso_client/kapso_endpoints.h"
#include "kapso_client/request_identity.h"

namespace kapso::client {

CachingTransport::CachingTransport(HttpTransport* inner, Scheduler* clock, absl::Duration ttl,
                                   size_t max_entries)
    : inner_(inner), clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

bool CachingTransport::IsCacheable(const HttpRequest& request) {
  return IsPhoneNumberHealthCheck(request);
}

void CachingTransport::Send(HttpRequest request, CallOptions options, HttpCallback done) {
  if (ttl_ <= absl::ZeroDuration() || !IsCacheable(request)) {
    return inner_->Send(std::move(request), std::move(options), std::move(done));
  }
  std::string key = RequestIdentity(request);
  absl::Time now = clock_->Now();
  std::optional<HttpResponse> cached;
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now - it->second.fetched < ttl_) {
      cached = it->second.response;
      cached->age = now - it->second.fetched;
    }
  }
  if (cached.has_value()) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    return std::move(done)(*std::move(cached));
  }
  inner_->Send(std::move(request), std::move(options),
               [this, key = std::move(key),
                done = std::move(done)](absl::StatusOr<HttpResponse> outcome) mutable {
                 if (outcome.ok() && outcome->status == 200) {
                   Store(std::move(key), *outcome, clock_->Now());
                 }
                 std::move(done)(std::move(outcome));
               });
}

void CachingTransport::Store(std::string key, const HttpResponse& response, absl::Time fetched) {
  absl::MutexLock lock(&mu_);
  // Drop expired entries from the front, then the oldest while full.
  while (!order_.empty() &&
         (fetched - order_.front().first >= ttl_ || entries_.size() >= max_entries_)) {
    auto it = entries_.find(order_.front().second);
    if (it != entries_.end() && it->second.fetched == order_.front().first) entries_.erase(it);
    order_.pop_front();
  }
  order_.emplace_back(fetched, key);
  entries_[std::move(key)] = Entry{response, fetched};
}

}  // namespace kapso::client
