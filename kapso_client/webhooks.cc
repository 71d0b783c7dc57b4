#include "kapso_client/webhooks.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/time_util.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/request_building.h"
#include "kapso_client/url_encoding.h"

namespace kapso::client {
namespace {

using google::protobuf::util::TimeUtil;

bool IsProjectScope(v1::WebhookScope scope, const std::string& phone_number_id) {
  if (scope == v1::WEBHOOK_SCOPE_UNSPECIFIED) return phone_number_id.empty();
  return scope == v1::WEBHOOK_SCOPE_PROJECT;
}

// "/whatsapp/webhooks" or "/whatsapp/phone_numbers/{id}/webhooks".
absl::StatusOr<std::string> Collection(v1::WebhookScope scope, const std::string& phone_number_id) {
  if (IsProjectScope(scope, phone_number_id)) return std::string("/whatsapp/webhooks");
  absl::StatusOr<std::string> number = PathSegment("phone_number_id", phone_number_id);
  if (!number.ok()) return number.status();
  return absl::StrCat("/whatsapp/phone_numbers/", *number, "/webhooks");
}

absl::StatusOr<std::string> Item(v1::WebhookScope scope, const std::string& phone_number_id,
                                 const std::string& webhook_id) {
  absl::StatusOr<std::string> collection = Collection(scope, phone_number_id);
  if (!collection.ok()) return collection.status();
  absl::StatusOr<std::string> id = PathSegment("webhook_id", webhook_id);
  if (!id.ok()) return id.status();
  return absl::StrCat(*collection, "/", *id);
}

// The writable part of a webhook: output-only fields cleared.
v1::Webhook WritableFields(v1::Webhook webhook) {
  webhook.clear_id();
  webhook.clear_project_id();
  webhook.clear_created_at();
  webhook.clear_updated_at();
  return webhook;
}

std::string Envelope(const std::string& webhook_json) {
  return absl::StrCat(R"({"whatsapp_webhook":)", webhook_json, "}");
}

using FieldMap = google::protobuf::Map<std::string, google::protobuf::Value>;

// The writable fields as Kapso's JSON members: `headers_json` is Kapso's
// `headers` (any JSON values); the deprecated string map only when it is unset.
absl::StatusOr<google::protobuf::Struct> WebhookFields(const v1::Webhook& webhook,
                                                       bool include_defaults) {
  absl::StatusOr<std::string> json = ToKapsoJson(WritableFields(webhook), include_defaults);
  if (!json.ok()) return json.status();
  google::protobuf::Struct fields;
  if (absl::Status s = ParseKapsoJson(*json, &fields); !s.ok()) return s;
  FieldMap& map = *fields.mutable_fields();
  if (auto it = map.find("headers_json"); it != map.end()) {
    map["headers"] = it->second;
    map.erase("headers_json");
  }
  return fields;
}

// Fields Kapso's update takes as null (its spec types them [..., "null"])
// and kapso-ops clears that way. secret_key is nullable too but keeps being
// sent as given ("" when masked and empty), as it always was.
bool IsNullableWebhookField(absl::string_view field) {
  return field == "buffer_window_seconds" || field == "max_buffer_size" ||
         field == "inactivity_minutes" || field == "payload_version" || field == "headers_json";
}

// The value a masked `path` sends: what the caller set; null for a nullable
// field left unset or empty; false for an unset boolean (AIP-134: a masked
// field missing from the resource is cleared to its default).
google::protobuf::Value MaskedValue(const v1::Webhook& webhook, const FieldMap& fields,
                                    const std::string& path) {
  auto it = fields.find(path == "headers_json" ? "headers" : path);
  if (path == "headers_json" && !webhook.has_headers_json()) it = fields.end();
  const bool empty_string =
      it != fields.end() && it->second.has_string_value() && it->second.string_value().empty();
  if (it != fields.end() && !(empty_string && IsNullableWebhookField(path))) return it->second;
  google::protobuf::Value value;
  if (IsNullableWebhookField(path)) {
    value.set_null_value(google::protobuf::NULL_VALUE);
  } else {
    value.set_bool_value(false);  // active, buffer_enabled: the optional non-nullables
  }
  return value;
}

}  // namespace

bool IsUpdatableWebhookField(absl::string_view field) {
  static const auto* const kFields = new absl::flat_hash_set<std::string>{"url",
                                                                          "events",
                                                                          "active",
                                                                          "secret_key",
                                                                          "headers",
                                                                          "payload_version",
                                                                          "buffer_enabled",
                                                                          "buffer_window_seconds",
                                                                          "max_buffer_size",
                                                                          "buffer_events",
                                                                          "inactivity_minutes",
                                                                          "headers_json"};
  return kFields->contains(field);
}

absl::StatusOr<HttpRequest> BuildListWebhooks(const v1::ListWebhooksRequest& request,
                                              const PageRequest& page) {
  HttpRequest http;
  absl::StatusOr<std::string> path = Collection(request.scope(), request.phone_number_id());
  if (!path.ok()) return path.status();
  http.path = *std::move(path);
  AddPageNumber(http.query, page);
  if (!request.kind().empty()) http.query.emplace_back("kind", request.kind());
  if (IsProjectScope(request.scope(), request.phone_number_id())) return http;
  // Filters only the number-level collection understands.
  if (!request.url_contains().empty())
    http.query.emplace_back("url_contains", request.url_contains());
  if (request.has_active()) http.query.emplace_back("active", request.active() ? "true" : "false");
  if (request.has_created_after()) {
    http.query.emplace_back("created_after", TimeUtil::ToString(request.created_after()));
  }
  if (request.has_created_before()) {
    http.query.emplace_back("created_before", TimeUtil::ToString(request.created_before()));
  }
  return http;
}

absl::StatusOr<HttpRequest> BuildGetWebhook(const v1::GetWebhookRequest& request) {
  absl::StatusOr<std::string> path =
      Item(request.scope(), request.phone_number_id(), request.webhook_id());
  if (!path.ok()) return path.status();
  return HttpRequest{HttpMethod::kGet, *std::move(path)};
}

absl::StatusOr<HttpRequest> BuildCreateWebhook(const v1::CreateWebhookRequest& request) {
  absl::StatusOr<std::string> path = Collection(request.scope(), request.phone_number_id());
  if (!path.ok()) return path.status();
  v1::Webhook webhook = WritableFields(request.webhook());
  // A number's collection names the number in the path; a project webhook
  // may be tied to a number in the body.
  if (IsProjectScope(request.scope(), request.phone_number_id())) {
    webhook.set_phone_number_id(request.phone_number_id());
  } else {
    webhook.clear_phone_number_id();
  }
  absl::StatusOr<google::protobuf::Struct> fields = WebhookFields(webhook, false);
  if (!fields.ok()) return fields.status();
  absl::StatusOr<std::string> json = ToKapsoJson(*fields);
  if (!json.ok()) return json.status();
  return HttpRequest{HttpMethod::kPost, *std::move(path), {}, Envelope(*json)};
}

absl::StatusOr<HttpRequest> BuildUpdateWebhook(const v1::UpdateWebhookRequest& request) {
  absl::StatusOr<std::string> path =
      Item(request.scope(), request.phone_number_id(), request.webhook_id());
  if (!path.ok()) return path.status();
  const bool masked = request.update_mask().paths_size() > 0;
  // With a mask, masked fields are sent even at their default value (e.g.
  // clearing `events`); without one, every field the caller set.
  absl::StatusOr<google::protobuf::Struct> fields = WebhookFields(request.webhook(), masked);
  if (!fields.ok()) return fields.status();
  google::protobuf::Struct body;
  FieldMap& out = *body.mutable_fields();
  for (const std::string& p : request.update_mask().paths()) {
    if (!IsUpdatableWebhookField(p)) continue;
    out[p == "headers_json" ? "headers" : p] = MaskedValue(request.webhook(), fields->fields(), p);
  }
  if (!masked) {
    for (const auto& [name, value] : fields->fields()) {
      if (IsUpdatableWebhookField(name)) out[name] = value;
    }
  }
  absl::StatusOr<std::string> json = ToKapsoJson(body);
  if (!json.ok()) return json.status();
  return HttpRequest{HttpMethod::kPatch, *std::move(path), {}, Envelope(*json)};
}

absl::StatusOr<HttpRequest> BuildDeleteWebhook(const v1::DeleteWebhookRequest& request) {
  absl::StatusOr<std::string> path =
      Item(request.scope(), request.phone_number_id(), request.webhook_id());
  if (!path.ok()) return path.status();
  return HttpRequest{HttpMethod::kDelete, *std::move(path)};
}

absl::StatusOr<HttpRequest> BuildTestWebhook(const v1::TestWebhookRequest& request) {
  absl::StatusOr<std::string> id = PathSegment("webhook_id", request.webhook_id());
  if (!id.ok()) return id.status();
  google::protobuf::Struct body;
  if (!request.event_type().empty()) {
    (*body.mutable_fields())["event_type"].set_string_value(request.event_type());
  }
  absl::StatusOr<std::string> json = ToKapsoJson(body);
  if (!json.ok()) return json.status();
  return HttpRequest{
      HttpMethod::kPost, absl::StrCat("/whatsapp/webhooks/", *id, "/test"), {}, *std::move(json)};
}

std::optional<PageRequest> TakeWebhookPage(const PageRequest& page, wire::WebhookList& list,
                                           v1::ListWebhooksResponse* response) {
  response->mutable_webhooks()->Swap(list.mutable_data());
  response->set_total_size(list.meta().total_count());
  return NextPage(page, list.meta(), response->webhooks_size());
}

}  // namespace kapso::client
