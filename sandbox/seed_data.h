// The sandbox's fixed seed (docs/contracts.md lists the facts tests rely on).
// Times are relative to `now` so "the last 24 hours" stays true while the
// sandbox runs.
#ifndef SANDBOX_SEED_DATA_H_
#define SANDBOX_SEED_DATA_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "sandbox/record.h"

namespace kapso::sandbox {

// The project every key of the sandbox belongs to.
inline constexpr char kProjectId[] = "5a000000-0000-4000-8000-000000000001";

struct SeedData {
  std::vector<nlohmann::json> phone_numbers;  // newest first
  std::vector<nlohmann::json> webhooks;       // newest first
  // Health payload per phone number id, without `timestamp`/`retry_after`
  // (the store stamps those when a check "runs").
  absl::flat_hash_map<std::string, nlohmann::json> health;
  // Cursor-paged collections, newest first by (sort_time, id).
  std::vector<Record> messages;
  std::vector<Record> conversations;  // sorted by last_active_at
  std::vector<Record> api_logs;
  std::vector<Record> webhook_deliveries;
};

SeedData BuildSeedData(absl::Time now);

// The parts of BuildSeedData, one per file.
void AddPhoneNumbers(absl::Time now, SeedData& seed);  // seed_catalog.cc
void AddWebhooks(absl::Time now, SeedData& seed);      // seed_catalog.cc
void AddHealth(SeedData& seed);                        // seed_health.cc
void AddMessagesAndConversations(absl::Time now, SeedData& seed);
void AddApiLogs(absl::Time now, SeedData& seed);            // seed_logs.cc
void AddWebhookDeliveries(absl::Time now, SeedData& seed);  // seed_logs.cc

// Sorts records newest first by (sort_time, id), the order cursors assume.
void SortNewestFirst(std::vector<Record>& records);

}  // namespace kapso::sandbox

#endif  // SANDBOX_SEED_DATA_H_
