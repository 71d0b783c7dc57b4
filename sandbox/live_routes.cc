#include "sandbox/live_routes.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/time_format.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

struct AppendRequest {
  std::string collection;
  int count = 1;
  int response_status = 500;
  std::string status = "failed";
};

absl::StatusOr<AppendRequest> ParseAppend(const json& body) {
  AppendRequest request;
  request.collection = body.value("collection", "");
  if (request.collection != "api_logs" && request.collection != "webhook_deliveries" &&
      request.collection != "failed_messages") {
    return ApiError(400, "collection must be api_logs, webhook_deliveries or failed_messages");
  }
  if (body.contains("count") && !body["count"].is_number_integer()) {
    return ApiError(400, "count must be an integer");
  }
  request.count = body.value("count", 1);
  if (request.count < 1 || request.count > 1000) return ApiError(400, "count must be 1-1000");
  request.response_status = body.value("response_status", 500);
  request.status = body.value("status", "failed");
  return request;
}

// Never before the newest record: the list only grows at the top.
absl::Time NextTime(const std::vector<Record>& records, absl::Duration step) {
  absl::Time now = absl::Now();
  if (records.empty() || records.front().sort_time < now) return now;
  return records.front().sort_time + step;
}

Record LiveApiLog(const std::string& id, absl::Time at, int status) {
  json log = {{"id", id},
              {"endpoint", "/platform/v1/whatsapp/messages"},
              {"http_method", "POST"},
              {"response_status", status},
              {"response_time_ms", 41.5},
              {"ip_address", "203.0.113.11"},
              {"error_message", status >= 400 ? json("Live sandbox error") : json(nullptr)},
              {"created_at", FormatUtcMicros(at)},
              {"api_key_id", "6b000000-0000-4000-8000-000000000001"},
              {"api_key_name", "Sandbox key"}};
  return MakeRecord(id, at, std::move(log));
}

Record LiveDelivery(const std::string& id, absl::Time at, const std::string& status) {
  bool failed = status == "failed";
  json delivery = {{"id", id},
                   {"event", "whatsapp.message.failed"},
                   {"status", status},
                   {"response_status", failed ? 503 : 200},
                   {"delivered_at", status == "delivered" ? json(FormatUtcMicros(at)) : json()},
                   {"failed_at", failed ? json(FormatUtcMicros(at)) : json(nullptr)},
                   {"last_attempt_at", FormatUtcMicros(at)},
                   {"attempt_count", failed ? 4 : 1},
                   {"created_at", FormatUtcMicros(at)},
                   {"webhook_id", "0a000000-0000-4000-8000-000000000004"},
                   {"webhook_url", "https://sales.acme.example/kapso"},
                   {"whatsapp_config_id", nullptr},
                   {"phone_number_id", "1000000000000002"},
                   {"conversation_phone_number", "15550100104"}};
  return MakeRecord(id, at, std::move(delivery));
}

// Messages carry whole seconds (Meta's timestamp): several may share one,
// which is what a follower must cope with.
Record LiveFailedMessage(const std::string& id, absl::Time at) {
  json message = {{"id", id},
                  {"timestamp", UnixSeconds(at)},
                  {"type", "text"},
                  {"from", "15550100002"},
                  {"to", "15550100104"},
                  {"text", {{"body", "Live sandbox message"}}}};
  message["kapso"] = {{"direction", "outbound"},
                      {"status", "failed"},
                      {"processing_status", "processed"},
                      {"origin", "cloud_api"},
                      {"phone_number", "15550100104"},
                      {"phone_number_id", "1000000000000002"},
                      {"has_media", false},
                      // Kapso's spec requires it: the seed's chat with this customer.
                      {"whatsapp_conversation_id", "c0000000-0000-4000-8000-000000000004"},
                      {"contact_name", "Dana Levi"},
                      {"content", "Live sandbox message"},
                      {"statuses", json::array()}};
  return MakeRecord(id, at, std::move(message));
}

// Appends one record to the collection `request` names; returns its id.
std::string AppendOne(SeedData& seed, const AppendRequest& request, int64_t serial, int i) {
  std::string n = absl::StrFormat("%06d%06d", serial % 1000000, i);
  if (request.collection == "api_logs") {
    std::string id = "a2000000-0000-4000-8000-" + n;
    absl::Time at = NextTime(seed.api_logs, absl::Microseconds(1));
    seed.api_logs.insert(seed.api_logs.begin(), LiveApiLog(id, at, request.response_status));
    return id;
  }
  if (request.collection == "webhook_deliveries") {
    std::string id = "d2000000-0000-4000-8000-" + n;
    absl::Time at = NextTime(seed.webhook_deliveries, absl::Microseconds(1));
    seed.webhook_deliveries.insert(seed.webhook_deliveries.begin(),
                                   LiveDelivery(id, at, request.status));
    return id;
  }
  std::string id = "wamid.LIVE" + n;  // ids grow, so a shared second sorts them last
  absl::Time at = absl::FromUnixSeconds(absl::ToUnixSeconds(NextTime(seed.messages, {})));
  if (!seed.messages.empty()) at = std::max(at, seed.messages.front().sort_time);
  seed.messages.insert(seed.messages.begin(), LiveFailedMessage(id, at));
  return id;
}

}  // namespace

void AddLiveRoutes(Router& router, SandboxStore& store) {
  router.Add("POST", "/__sandbox/append",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               absl::StatusOr<json> body = ParseJsonObject(req);
               if (!body.ok()) return body.status();
               absl::StatusOr<AppendRequest> request = ParseAppend(*body);
               if (!request.ok()) return request.status();
               json ids = json::array();
               store.Change([&](SeedData& seed, int64_t serial) {
                 for (int i = 0; i < request->count; ++i) {
                   ids.push_back(AppendOne(seed, *request, serial, i));
                 }
               });
               WriteJson(res, 200, {{"ids", ids}});
               return absl::OkStatus();
             });
}

}  // namespace kapso::sandbox
