#include "sandbox/phone_number_routes.h"

#include <memory>
#include <string>
#include <vector>

#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/json_filter.h"
#include "sandbox/page_paging.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

absl::Status List(const SandboxStore& store, const httplib::Request& req, httplib::Response& res) {
  absl::StatusOr<PageRequest> page = ParsePageRequest(req);
  if (!page.ok()) return page.status();
  JsonFilterBuilder builder(req);
  builder.Exact("phone_number_id", "/phone_number_id")
      .Exact("business_account_id", "/business_account_id")
      .Contains("name_contains", "/name")
      .TimeAfter("created_after", "/created_at")
      .TimeBefore("created_before", "/created_at");
  absl::StatusOr<JsonFilter> filter = builder.Build();
  if (!filter.ok()) return filter.status();
  std::shared_ptr<const SeedData> seed = store.seed();
  std::vector<json> items;
  for (const json& number : seed->phone_numbers) {
    if (filter->Matches(number)) items.push_back(number);
  }
  WritePage(req, res, items, *page);
  return absl::OkStatus();
}

absl::Status Get(const SandboxStore& store, const std::string& id, httplib::Response& res) {
  std::shared_ptr<const SeedData> seed = store.seed();
  for (const json& number : seed->phone_numbers) {
    if (number["id"] == id) {
      WriteData(res, 200, number);
      return absl::OkStatus();
    }
  }
  return ApiError(404, "Phone number not found");
}

// Kapso answers health bare, without the {"data": ...} envelope.
absl::Status Health(SandboxStore& store, HealthRateLimit& limit, const std::string& id,
                    httplib::Response& res) {
  // Kapso rejects over-limit checks before looking anything up, and every
  // answer carries the counters.
  absl::Time now = absl::Now();
  absl::Status admitted = limit.Admit(now, res);
  if (!admitted.ok()) return admitted;
  absl::StatusOr<json> health = store.Health(id, now);
  if (!health.ok()) return health.status();
  WriteJson(res, 200, *health);
  return absl::OkStatus();
}

}  // namespace

void AddPhoneNumberRoutes(Router& router, SandboxStore& store, HealthRateLimit& health_limit) {
  router.Add("GET", "/platform/v1/whatsapp/phone_numbers",
             [&store](const httplib::Request& req, const PathParams&, httplib::Response& res) {
               return List(store, req, res);
             });
  router.Add("GET", "/platform/v1/whatsapp/phone_numbers/{phone_number_id}",
             [&store](const httplib::Request&, const PathParams& params, httplib::Response& res) {
               return Get(store, params.at("phone_number_id"), res);
             });
  router.Add("GET", "/platform/v1/whatsapp/phone_numbers/{phone_number_id}/health",
             [&store, &health_limit](const httplib::Request&, const PathParams& params,
                                     httplib::Response& res) {
               return Health(store, health_limit, params.at("phone_number_id"), res);
             });
}

}  // namespace kapso::sandbox
