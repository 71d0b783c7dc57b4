// Seed phone numbers and webhooks, and the assembly of the whole seed.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "sandbox/seed_data.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

struct NumberSpec {
  const char* suffix;  // last digit of ids and the phone number
  const char* name;
  const char* quality_rating;
  const char* status;
  bool verified;
  int age_days;
};

json PhoneNumber(const NumberSpec& spec, absl::Time now) {
  std::string id = absl::StrCat("100000000000000", spec.suffix);
  std::string created = FormatUtc(now - absl::Hours(24 * spec.age_days));
  json number = {{"id", id},
                 {"internal_id", absl::StrCat("9c000000-0000-4000-8000-00000000000", spec.suffix)},
                 {"phone_number_id", id},
                 {"name", spec.name},
                 {"business_account_id", "2000000000000001"},
                 {"is_coexistence", !spec.verified},
                 {"inbound_processing_enabled", true},
                 {"calls_enabled", false},
                 {"webhook_verified_at", spec.verified ? json(created) : json(nullptr)},
                 {"created_at", created},
                 {"updated_at", FormatUtc(now - absl::Hours(24))},
                 {"customer_id", nullptr},
                 {"display_name", spec.name},
                 {"display_phone_number", absl::StrCat("+1 555-010-000", spec.suffix)},
                 {"display_phone_number_normalized", absl::StrCat("1555010000", spec.suffix)},
                 {"verified_name", spec.name},
                 {"quality_rating", spec.quality_rating},
                 {"code_verification_status", spec.verified ? "VERIFIED" : "NOT_VERIFIED"},
                 {"name_status", spec.verified ? "APPROVED" : "PENDING_REVIEW"},
                 {"status", spec.status},
                 {"throughput_tier", "TIER_10K"},
                 {"whatsapp_business_manager_messaging_limit", "TIER_1K"},
                 {"is_official_business_account", false},
                 {"is_pin_enabled", false}};
  return number;
}

struct WebhookSpec {
  const char* id;
  const char* phone_number_id;  // nullptr: project-scoped
  const char* url;
  const char* kind;
  std::vector<std::string> events;
  bool active;
  const char* secret_key;
  int age_days;
};

json Webhook(const WebhookSpec& spec, absl::Time now) {
  bool meta = std::string(spec.kind) == "meta";
  std::string created = FormatUtc(now - absl::Hours(24 * spec.age_days));
  return {{"id", spec.id},
          {"url", spec.url},
          {"kind", spec.kind},
          {"events", spec.events},
          {"active", spec.active},
          {"secret_key", spec.secret_key},
          {"headers", json::object()},
          {"payload_version", meta ? json(nullptr) : json("v2")},
          {"buffer_enabled", false},
          {"buffer_window_seconds", 5},
          {"max_buffer_size", 50},
          {"buffer_events", json::array()},
          {"inactivity_minutes", 60},
          {"project_id", kProjectId},
          {"phone_number_id", spec.phone_number_id ? json(spec.phone_number_id) : json(nullptr)},
          {"created_at", created},
          {"updated_at", created}};
}

}  // namespace

void AddPhoneNumbers(absl::Time now, SeedData& seed) {
  // Listed newest first, so the list reads 0001, 0002, 0003.
  const NumberSpec specs[] = {
      {"1", "Acme Support", "GREEN", "CONNECTED", true, 30},
      {"2", "Acme Sales", "YELLOW", "CONNECTED", true, 60},
      {"3", "Acme Alerts", "RED", "PENDING", false, 90},
  };
  for (const NumberSpec& spec : specs) {
    seed.phone_numbers.push_back(PhoneNumber(spec, now));
  }
}

namespace {

// The webhooks of phone numbers (their config collections).
void AddNumberWebhooks(absl::Time now, SeedData& seed) {
  const WebhookSpec specs[] = {
      {"0a000000-0000-4000-8000-000000000001",
       "1000000000000001",
       "https://hooks.acme.example/kapso/messages",
       "kapso",
       {"whatsapp.message.received", "whatsapp.message.sent", "whatsapp.message.delivered",
        "whatsapp.message.read", "whatsapp.message.failed"},
       true,
       "sandbox-secret-1",
       10},
      {"0a000000-0000-4000-8000-000000000002",
       "1000000000000001",
       "https://hooks.acme.example/kapso/conversations",
       "kapso",
       {"whatsapp.conversation.created", "whatsapp.conversation.ended"},
       false,
       "sandbox-secret-2",
       11},
      {"0a000000-0000-4000-8000-000000000003",
       "1000000000000001",
       "https://hooks.acme.example/meta",
       "meta",
       {},
       true,
       "sandbox-secret-3",
       12},
      {"0a000000-0000-4000-8000-000000000004",
       "1000000000000002",
       "https://sales.acme.example/kapso",
       "kapso",
       {"whatsapp.message.received", "whatsapp.message.failed"},
       true,
       "sandbox-secret-4",
       13},
  };
  for (const WebhookSpec& spec : specs) {
    seed.webhooks.push_back(Webhook(spec, now));
  }
}

// The project-scoped webhooks (no phone number).
void AddProjectWebhooks(absl::Time now, SeedData& seed) {
  const WebhookSpec specs[] = {
      {"0b000000-0000-4000-8000-000000000001",
       nullptr,
       "https://ops.acme.example/kapso/numbers",
       "kapso",
       {"whatsapp.phone_number.created", "whatsapp.phone_number.deleted"},
       true,
       "sandbox-secret-5",
       14},
      {"0b000000-0000-4000-8000-000000000002",
       nullptr,
       "https://ops.acme.example/kapso/workflows",
       "kapso",
       {"workflow.execution.failed"},
       true,
       "sandbox-secret-6",
       15},
  };
  for (const WebhookSpec& spec : specs) {
    seed.webhooks.push_back(Webhook(spec, now));
  }
}

}  // namespace

void AddWebhooks(absl::Time now, SeedData& seed) {
  AddNumberWebhooks(now, seed);
  AddProjectWebhooks(now, seed);
}

void SortNewestFirst(std::vector<Record>& records) {
  std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    if (a.sort_time != b.sort_time) return a.sort_time > b.sort_time;
    return a.id > b.id;
  });
}

SeedData BuildSeedData(absl::Time now) {
  now = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  SeedData seed;
  AddPhoneNumbers(now, seed);
  AddWebhooks(now, seed);
  AddHealth(seed);
  AddMessagesAndConversations(now, seed);
  AddApiLogs(now, seed);
  AddWebhookDeliveries(now, seed);
  return seed;
}

}  // namespace kapso::sandbox
