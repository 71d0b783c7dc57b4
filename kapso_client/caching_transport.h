#ifndef KAPSO_CLIENT_CACHING_TRANSPORT_H_
#define KAPSO_CLIENT_CACHING_TRANSPORT_H_

#include <atomic>
#include <cstddef>
#include <deque>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kapso_client/http_transport.h"
#include "kapso_client/scheduler.h"

namespace kapso::client {

// Keeps successful (200) answers of phone number health checks for `ttl`
// and serves them with HttpResponse::age set. Kapso caches a health result
// 3 minutes and limits health checks to 5/s and 60/min per project, so a
// short cache in front costs no freshness and saves the budget. Entries are
// keyed by RequestIdentity (which includes a hash of the API key), so an
// answer is never served to another key. At most `max_entries` are kept,
// oldest evicted first. Everything else passes through.
class CachingTransport final : public HttpTransport {
 public:
  CachingTransport(HttpTransport* inner, Scheduler* clock, absl::Duration ttl,
                   size_t max_entries = 10000);

  void Send(HttpRequest request, CallOptions options, HttpCallback done) override;

  // Whether `path` is a health check (".../phone_numbers/{id}/health").
  static bool IsCacheable(const HttpRequest& request);

  int64_t hits() const { return hits_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    HttpResponse response;
    absl::Time fetched;
  };
  void Store(std::string key, const HttpResponse& response, absl::Time fetched);

  HttpTransport* const inner_;
  Scheduler* const clock_;
  const absl::Duration ttl_;
  const size_t max_entries_;
  std::atomic<int64_t> hits_{0};
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::deque<std::pair<absl::Time, std::string>> order_ ABSL_GUARDED_BY(mu_);  // oldest first
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CACHING_TRANSPORT_H_
