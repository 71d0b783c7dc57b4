// SandboxStore::AddRecord: records added at run time (copy on write: handlers
// holding the previous seed keep reading it unchanged).
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "sandbox/api_error.h"
#include "sandbox/sandbox_store.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

// The time cursors page on: a message's Unix `timestamp`, else `created_at`.
absl::StatusOr<absl::Time> SortTime(const std::string& collection, const nlohmann::json& record) {
  if (collection == "messages") {
    int64_t seconds = 0;
    if (record.contains("timestamp") && record["timestamp"].is_string() &&
        absl::SimpleAtoi(record["timestamp"].get<std::string>(), &seconds)) {
      return absl::FromUnixSeconds(seconds);
    }
    return ApiError(400, "a message needs a Unix-seconds string timestamp");
  }
  if (record.contains("created_at") && record["created_at"].is_string()) {
    if (auto at = ParseTime(record["created_at"].get<std::string>())) return *at;
  }
  return ApiError(400, "the record needs an RFC 3339 created_at");
}

std::vector<Record>* Collection(SeedData& seed, const std::string& name) {
  if (name == "messages") return &seed.messages;
  if (name == "api_logs") return &seed.api_logs;
  if (name == "webhook_deliveries") return &seed.webhook_deliveries;
  return nullptr;
}

}  // namespace

absl::Status SandboxStore::AddRecord(const std::string& collection, nlohmann::json record,
                                     nlohmann::json health) {
  if (!record.is_object() || !record.contains("id") || !record["id"].is_string()) {
    return ApiError(400, "record must be an object with a string id");
  }
  std::string id = record["id"].get<std::string>();
  absl::MutexLock lock(&mu_);
  auto next = std::make_shared<SeedData>(*seed_);
  if (collection == "phone_numbers") {
    next->health[id] =
        health.is_object() ? std::move(health) : seed_->health.at("1000000000000001");
    next->phone_numbers.push_back(std::move(record));
  } else if (std::vector<Record>* records = Collection(*next, collection)) {
    absl::StatusOr<absl::Time> at = SortTime(collection, record);
    if (!at.ok()) return at.status();
    records->push_back(MakeRecord(id, *at, std::move(record)));
    SortNewestFirst(*records);
  } else {
    return ApiError(400,
                    "collection must be messages, api_logs, webhook_deliveries or phone_numbers");
  }
  seed_ = std::move(next);
  return absl::OkStatus();
}

}  // namespace kapso::sandbox
