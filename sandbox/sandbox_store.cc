#include "sandbox/sandbox_store.h"

#include <utility>

#include "sandbox/api_error.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

constexpr absl::Duration kAccessErrorBackoff = absl::Minutes(5);

}  // namespace

void SandboxStore::Reset(absl::Time now) {
  auto seed = std::make_shared<SeedData>(BuildSeedData(now));
  webhooks_.Reset(seed->webhooks);
  absl::MutexLock lock(&mu_);
  seed_ = std::move(seed);
  health_checked_at_.clear();
}

std::shared_ptr<const SeedData> SandboxStore::seed() const {
  absl::ReaderMutexLock lock(&mu_);
  return seed_;
}

void SandboxStore::Change(const std::function<void(SeedData&, int64_t serial)>& change) {
  absl::MutexLock lock(&mu_);
  auto copy = std::make_shared<SeedData>(*seed_);
  change(*copy, ++serial_);
  seed_ = std::move(copy);
}

bool SandboxStore::HasPhoneNumber(absl::string_view id) const {
  std::shared_ptr<const SeedData> data = seed();
  for (const nlohmann::json& number : data->phone_numbers) {
    if (number.at("id").get_ref<const std::string&>() == id) return true;
  }
  return false;
}

absl::StatusOr<nlohmann::json> SandboxStore::Health(absl::string_view phone_number_id,
                                                    absl::Time now) {
  std::string id(phone_number_id);
  absl::Time checked_at;
  nlohmann::json health;
  {
    absl::MutexLock lock(&mu_);
    auto found = seed_->health.find(id);
    if (found == seed_->health.end()) {
      return ApiError(404, "Phone number not found");
    }
    health = found->second;
    auto [it, inserted] = health_checked_at_.try_emplace(id, now);
    if (!inserted && now - it->second >= kHealthCacheTtl) it->second = now;
    checked_at = it->second;
  }
  health["timestamp"] = FormatUtc(checked_at);
  if (health["checks"]["phone_number_access"]["passed"] == false) {
    health["retry_after"] = FormatUtc(checked_at + kAccessErrorBackoff);
  }
  return health;
}

}  // namespace kapso::sandbox
