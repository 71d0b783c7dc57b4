#include "sandbox/webhook_routes.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/json_filter.h"
#include "sandbox/page_paging.h"
#include "sandbox/query_params.h"
#include "sandbox/webhook_validation.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

constexpr char kNumberWebhooks[] = "/platform/v1/whatsapp/phone_numbers/{phone_number_id}/webhooks";
constexpr char kNumberWebhook[] =
    "/platform/v1/whatsapp/phone_numbers/{phone_number_id}/webhooks/{webhook_id}";
constexpr char kProjectWebhooks[] = "/platform/v1/whatsapp/webhooks";
constexpr char kProjectWebhook[] = "/platform/v1/whatsapp/webhooks/{webhook_id}";
constexpr char kTestWebhook[] = "/platform/v1/whatsapp/webhooks/{webhook_id}/test";

// The number in the path (which must exist), or nullopt on project paths.
absl::StatusOr<NumberScope> ScopeOf(const SandboxStore& store, const PathParams& params) {
  auto it = params.find("phone_number_id");
  if (it == params.end()) return NumberScope();
  if (!store.HasPhoneNumber(it->second)) {
    return ApiError(404, "Phone number not found");
  }
  return NumberScope(it->second);
}

absl::StatusOr<JsonFilter> WebhookFilter(const httplib::Request& req) {
  JsonFilterBuilder builder(req);
  builder.Contains("url_contains", "/url")
      .OneOf("kind", "/kind", {"kapso", "meta"})
      .BoolEquals("active", "/active")
      .TimeAfter("created_after", "/created_at")
      .TimeBefore("created_before", "/created_at");
  return builder.Build();
}

absl::Status List(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                  httplib::Response& res) {
  absl::StatusOr<NumberScope> scope = ScopeOf(store, params);
  if (!scope.ok()) return scope.status();
  absl::StatusOr<PageRequest> page = ParsePageRequest(req);
  if (!page.ok()) return page.status();
  absl::StatusOr<JsonFilter> filter = WebhookFilter(req);
  if (!filter.ok()) return filter.status();
  std::vector<json> items;
  for (json& webhook : store.webhooks().List(*scope)) {
    if (filter->Matches(webhook)) items.push_back(std::move(webhook));
  }
  WritePage(req, res, items, *page);
  return absl::OkStatus();
}

absl::Status Create(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                    httplib::Response& res) {
  absl::StatusOr<NumberScope> scope = ScopeOf(store, params);
  if (!scope.ok()) return scope.status();
  absl::StatusOr<json> body = ParseJsonObject(req);
  if (!body.ok()) return body.status();
  WebhookCollection collection =
      scope->has_value() ? WebhookCollection::kPhoneNumber : WebhookCollection::kProject;
  absl::StatusOr<json> webhook = NewWebhookFromRequest(*body, collection, *scope);
  if (!webhook.ok()) return webhook.status();
  const json& number = (*webhook)["phone_number_id"];
  if (number.is_string() && !store.HasPhoneNumber(number.get<std::string>())) {
    return ApiError(404, "Phone number not found");
  }
  absl::StatusOr<json> created = store.webhooks().Create(*std::move(webhook), absl::Now());
  if (!created.ok()) return created.status();
  WriteData(res, 201, *created);
  return absl::OkStatus();
}

absl::Status Get(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                 httplib::Response& res) {
  absl::StatusOr<NumberScope> scope = ScopeOf(store, params);
  if (!scope.ok()) return scope.status();
  absl::StatusOr<json> webhook = store.webhooks().Get(params.at("webhook_id"), *scope);
  if (!webhook.ok()) return webhook.status();
  WriteData(res, 200, *webhook);
  return absl::OkStatus();
}

absl::Status Update(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                    httplib::Response& res) {
  absl::StatusOr<NumberScope> scope = ScopeOf(store, params);
  if (!scope.ok()) return scope.status();
  absl::StatusOr<json> body = ParseJsonObject(req);
  if (!body.ok()) return body.status();
  absl::StatusOr<json> updated =
      store.webhooks().Update(params.at("webhook_id"), *scope, *body, absl::Now());
  if (!updated.ok()) return updated.status();
  WriteData(res, 200, *updated);
  return absl::OkStatus();
}

absl::Status Delete(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                    httplib::Response& res) {
  absl::StatusOr<NumberScope> scope = ScopeOf(store, params);
  if (!scope.ok()) return scope.status();
  absl::Status deleted = store.webhooks().Delete(params.at("webhook_id"), *scope);
  if (!deleted.ok()) return deleted;
  res.status = 204;
  return absl::OkStatus();
}

// The scripts sent ?event_type=; the current API takes a JSON body. Both work.
absl::Status Test(SandboxStore& store, const httplib::Request& req, const PathParams& params,
                  httplib::Response& res) {
  absl::StatusOr<json> webhook = store.webhooks().Get(params.at("webhook_id"), NumberScope());
  if (!webhook.ok()) return webhook.status();
  absl::StatusOr<json> body = ParseJsonObject(req);
  if (!body.ok()) return body.status();
  std::optional<std::string> event = StringParam(req, "event_type");
  if (body->contains("event_type") && (*body)["event_type"].is_string()) {
    event = (*body)["event_type"].get<std::string>();
  }
  if (event.has_value()) {
    const json& events = (*webhook)["events"];
    if (std::find(events.begin(), events.end(), *event) == events.end()) {
      return ApiError(422, absl::StrCat("Webhook is not subscribed to ", *event));
    }
  }
  WriteData(res, 200, {{"success", true}});
  return absl::OkStatus();
}

}  // namespace

void AddWebhookRoutes(Router& router, SandboxStore& store) {
  auto bind = [&store](auto handler) {
    return [&store, handler](const httplib::Request& req, const PathParams& params,
                             httplib::Response& res) { return handler(store, req, params, res); };
  };
  for (const char* collection : {kNumberWebhooks, kProjectWebhooks}) {
    router.Add("GET", collection, bind(List));
    router.Add("POST", collection, bind(Create));
  }
  for (const char* item : {kNumberWebhook, kProjectWebhook}) {
    router.Add("GET", item, bind(Get));
    router.Add("PATCH", item, bind(Update));
    router.Add("DELETE", item, bind(Delete));
  }
  router.Add("POST", kTestWebhook, bind(Test));
}

}  // namespace kapso::sandbox
