// Seed API logs (60 in the last 24 h, 12 of them errors, plus 30 from 2-6
// days ago) and webhook deliveries (50 in the last 24 h, 8 failed, plus 20
// from 2-6 days ago).
#include <string>

#include "absl/strings/str_format.h"
#include "sandbox/seed_data.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

constexpr int kRecentLogs = 60;
constexpr int kOldLogs = 30;
constexpr int kRecentDeliveries = 50;
constexpr int kOldDeliveries = 20;

struct Call {
  const char* method;
  const char* path;
};

const Call kCalls[] = {
    {"GET", "/platform/v1/whatsapp/messages"},
    {"GET", "/platform/v1/whatsapp/conversations"},
    {"GET", "/platform/v1/whatsapp/phone_numbers"},
    {"POST", "/platform/v1/whatsapp/phone_numbers/1000000000000001/webhooks"},
    {"GET", "/platform/v1/whatsapp/phone_numbers/1000000000000002/health"},
    {"PATCH", "/platform/v1/whatsapp/webhooks/0a000000-0000-4000-8000-000000000001"},
    {"GET", "/platform/v1/api_logs"},
};

struct Failure {
  int status;
  const char* message;
};

const Failure kFailures[] = {
    {400, "limit must be between 1 and 100"},
    {401, "Invalid API key"},
    {404, "Webhook not found"},
    {422, "Validation failed: url must use https"},
    {429, "Rate limit exceeded"},
    {500, "Internal server error"},
    {502, "Bad gateway"},
    {503, "Service unavailable"},
};

// The n-th log (1-based id); `failure` is null for a success.
Record ApiLog(int n, absl::Time at, const Failure* failure) {
  const Call& call = kCalls[n % 7];
  int ok_status = std::string(call.method) == "POST" ? 201 : 200;
  std::string id = absl::StrFormat("a1000000-0000-4000-8000-%012d", n);
  json log = {{"id", id},
              {"endpoint", call.path},
              {"http_method", call.method},
              {"response_status", failure ? failure->status : ok_status},
              {"response_time_ms", 35 + (n * 37) % 400 + 0.5},
              {"ip_address", "203.0.113.10"},
              {"error_message", failure ? json(failure->message) : json(nullptr)},
              {"created_at", FormatUtc(at)},
              {"api_key_id", "6b000000-0000-4000-8000-000000000001"},
              {"api_key_name", "Sandbox key"}};
  return MakeRecord(id, at, std::move(log));
}

struct Target {
  const char* webhook_id;
  const char* url;
  const char* event;
  const char* phone_number_id;  // null for project events
  const char* contact;          // null for project events
};

const Target kTargets[] = {
    {"0a000000-0000-4000-8000-000000000001", "https://hooks.acme.example/kapso/messages",
     "whatsapp.message.received", "1000000000000001", "15550100101"},
    {"0a000000-0000-4000-8000-000000000001", "https://hooks.acme.example/kapso/messages",
     "whatsapp.message.delivered", "1000000000000001", "15550100102"},
    {"0a000000-0000-4000-8000-000000000002", "https://hooks.acme.example/kapso/conversations",
     "whatsapp.conversation.created", "1000000000000001", "15550100103"},
    {"0a000000-0000-4000-8000-000000000004", "https://sales.acme.example/kapso",
     "whatsapp.message.failed", "1000000000000002", "15550100104"},
    {"0b000000-0000-4000-8000-000000000001", "https://ops.acme.example/kapso/numbers",
     "whatsapp.phone_number.created", nullptr, nullptr},
};

json OrNull(const char* text) { return text ? json(text) : json(nullptr); }

Record Delivery(int n, absl::Time at, const std::string& status) {
  const Target& target = kTargets[n % 5];
  std::string id = absl::StrFormat("d1000000-0000-4000-8000-%012d", n);
  // 0: the receiver never answered (a timeout or refused connection), which
  // Kapso records as a null response_status.
  const int failed_codes[] = {500, 503, 404, 0};
  json delivery = {{"id", id},
                   {"event", target.event},
                   {"status", status},
                   {"response_status", 200},
                   {"delivered_at", nullptr},
                   {"failed_at", nullptr},
                   {"last_attempt_at", FormatUtc(at + absl::Seconds(1))},
                   {"attempt_count", 1},
                   {"created_at", FormatUtc(at)},
                   {"webhook_id", target.webhook_id},
                   {"webhook_url", target.url},
                   {"whatsapp_config_id", nullptr},
                   {"phone_number_id", OrNull(target.phone_number_id)},
                   {"conversation_phone_number", OrNull(target.contact)}};
  if (status == "delivered") {
    delivery["delivered_at"] = FormatUtc(at + absl::Seconds(1));
  } else if (status == "failed") {
    // Kapso retried after 10 s, 40 s and 90 s before giving up.
    int code = failed_codes[(n / 2) % 4];
    delivery["response_status"] = code == 0 ? json(nullptr) : json(code);
    delivery["attempt_count"] = 4;
    delivery["failed_at"] = FormatUtc(at + absl::Seconds(141));
    delivery["last_attempt_at"] = delivery["failed_at"];
  } else {
    delivery["response_status"] = 502;  // first attempt failed; retry pending
  }
  return MakeRecord(id, at, std::move(delivery));
}

}  // namespace

void AddApiLogs(absl::Time now, SeedData& seed) {
  for (int i = 0; i < kRecentLogs; ++i) {
    const Failure* failure = i % 5 == 2 ? &kFailures[(i / 5) % 8] : nullptr;
    absl::Time at = now - absl::Minutes(i * 23 + 1);
    seed.api_logs.push_back(ApiLog(i + 1, at, failure));
  }
  for (int j = 0; j < kOldLogs; ++j) {
    const Failure* failure = j % 6 == 1 ? &kFailures[j % 8] : nullptr;
    absl::Time at = now - absl::Hours(48) - absl::Minutes(j * 192);
    seed.api_logs.push_back(ApiLog(kRecentLogs + j + 1, at, failure));
  }
  SortNewestFirst(seed.api_logs);
}

void AddWebhookDeliveries(absl::Time now, SeedData& seed) {
  for (int i = 0; i < kRecentDeliveries; ++i) {
    std::string status = i == 0 ? "pending" : i % 6 == 3 ? "failed" : "delivered";
    absl::Time at = now - absl::Minutes(i * 28 + 2);
    seed.webhook_deliveries.push_back(Delivery(i + 1, at, status));
  }
  for (int j = 0; j < kOldDeliveries; ++j) {
    std::string status = j % 5 == 2 ? "failed" : "delivered";
    absl::Time at = now - absl::Hours(48) - absl::Minutes(j * 288);
    seed.webhook_deliveries.push_back(Delivery(kRecentDeliveries + j + 1, at, status));
  }
  SortNewestFirst(seed.webhook_deliveries);
}

}  // namespace kapso::sandbox
