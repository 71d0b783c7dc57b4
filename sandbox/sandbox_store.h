// The sandbox's state: the read-only seed collections, the mutable webhooks
// and the health-check cache. Reset() restores the seed.
#ifndef SANDBOX_SANDBOX_STORE_H_
#define SANDBOX_SANDBOX_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "sandbox/seed_data.h"
#include "sandbox/webhook_registry.h"

namespace kapso::sandbox {

class SandboxStore {
 public:
  // Kapso caches a number's health check this long.
  static constexpr absl::Duration kHealthCacheTtl = absl::Minutes(3);

  explicit SandboxStore(absl::Time now) { Reset(now); }

  // Re-seeds everything with times relative to `now`.
  void Reset(absl::Time now);

  // The immutable collections. Handlers keep the pointer for one request, so
  // a concurrent Reset never changes data under them.
  std::shared_ptr<const SeedData> seed() const;

  WebhookRegistry& webhooks() { return webhooks_; }

  // Changes the collections (copy on write: a handler holding seed() keeps
  // the old ones). `change` gets a copy and a number unique per call.
  void Change(const std::function<void(SeedData&, int64_t serial)>& change);

  bool HasPhoneNumber(absl::string_view id) const;

  // The number's health payload as of its last check: a check "runs" when
  // the cached one is older than kHealthCacheTtl. Numbers whose access check
  // fails carry `retry_after` (Kapso's 5-minute access-error backoff).
  absl::StatusOr<nlohmann::json> Health(absl::string_view phone_number_id, absl::Time now);

  // Adds one record to a collection (messages, api_logs,
  // webhook_deliveries, phone_numbers) as if Kapso had just recorded it, so
  // tests can make errors appear over time. A phone number may bring its
  // `health` payload (else it reads as healthy). Until the next Reset.
  // store_records.cc.
  absl::Status AddRecord(const std::string& collection, nlohmann::json record,
                         nlohmann::json health);

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const SeedData> seed_ ABSL_GUARDED_BY(mu_);
  int64_t serial_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, absl::Time> health_checked_at_ ABSL_GUARDED_BY(mu_);
  WebhookRegistry webhooks_;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_SANDBOX_STORE_H_
