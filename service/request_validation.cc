#include "service/request_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "kapso_client/webhooks.h"
#include "service/field_checks.h"

namespace kapso::service {
namespace {

constexpr std::initializer_list<absl::string_view> kKinds = {"kapso", "meta"};
constexpr std::initializer_list<absl::string_view> kPayloadVersions = {"v1", "v2"};
constexpr std::initializer_list<absl::string_view> kDirections = {"inbound", "outbound"};
constexpr std::initializer_list<absl::string_view> kMessageStatuses = {
    "pending", "sent", "delivered", "read", "failed"};
constexpr std::initializer_list<absl::string_view> kConversationStatuses = {"active", "ended"};
constexpr std::initializer_list<absl::string_view> kDeliveryStatuses = {"pending", "delivered",
                                                                        "failed"};

void CheckScope(Violations& v, v1::WebhookScope scope, const std::string& phone_number_id) {
  if (!v1::WebhookScope_IsValid(scope)) v.Add("scope", "is not a known WebhookScope");
  v.PhoneNumberId("phone_number_id", phone_number_id, scope == v1::WEBHOOK_SCOPE_CONFIG);
}

void CheckPeriod(Violations& v, v1::Period period) {
  if (!v1::Period_IsValid(period)) v.Add("period", "must be PERIOD_24H, PERIOD_7D or PERIOD_30D");
}

// The writable webhook fields; `creating` adds create-only rules.
// `url_required`: on create, or when an update's mask names the url (an
// empty url would clear it).
void CheckWebhook(Violations& v, const v1::Webhook& w, bool creating, bool url_required) {
  if (url_required || !w.url().empty()) v.HttpsUrl("webhook.url", w.url());
  v.OneOf("webhook.kind", w.kind(), kKinds);
  const bool meta = w.kind() == "meta";
  if (creating && !meta && w.events().empty()) {
    v.Add("webhook.events", "is required for kind kapso");
  }
  if (meta && (!w.events().empty() || w.has_buffer_enabled())) {
    v.Add("webhook.events", "meta webhooks forward every Meta payload: no events, no buffering");
  }
  for (int i = 0; i < w.events_size(); ++i) {
    v.KnownEvent(absl::StrCat("webhook.events[", i, "]"), w.events(i));
  }
  for (int i = 0; i < w.buffer_events_size(); ++i) {
    v.KnownEvent(absl::StrCat("webhook.buffer_events[", i, "]"), w.buffer_events(i));
  }
  v.OneOf("webhook.payload_version", w.payload_version(), kPayloadVersions);
  if (w.has_buffer_window_seconds()) {
    v.Range("webhook.buffer_window_seconds", w.buffer_window_seconds(), 1, 60);
  }
  if (w.has_max_buffer_size()) v.Range("webhook.max_buffer_size", w.max_buffer_size(), 1, 100);
  if (w.has_inactivity_minutes()) {
    v.Range("webhook.inactivity_minutes", w.inactivity_minutes(), 1, 1440);
  }
  for (const auto& [name, value] : w.headers()) v.HttpHeader("webhook.headers", name, value);
  for (const auto& [name, value] : w.headers_json().fields()) {
    v.OpenHttpHeader("webhook.headers_json", name, value);
  }
  if (!w.headers().empty() && w.has_headers_json()) {
    v.Add("webhook.headers", "set headers_json or the deprecated headers, not both");
  }
  v.MaxLength("webhook.secret_key", w.secret_key(), 256);
}

}  // namespace

absl::Status Validate(const v1::ListWebhooksRequest& r) {
  Violations v;
  CheckScope(v, r.scope(), r.phone_number_id());
  v.OneOf("kind", r.kind(), kKinds);
  v.MaxLength("url_contains", r.url_contains(), 2048);
  v.PageSize("page_size", r.page_size());
  return v.Result();
}

absl::Status Validate(const v1::GetWebhookRequest& r) {
  Violations v;
  CheckScope(v, r.scope(), r.phone_number_id());
  v.Uuid("webhook_id", r.webhook_id(), true);
  return v.Result();
}

absl::Status Validate(const v1::CreateWebhookRequest& r) {
  Violations v;
  CheckScope(v, r.scope(), r.phone_number_id());
  if (!r.has_webhook()) {
    v.Add("webhook", "is required");
  } else {
    CheckWebhook(v, r.webhook(), /*creating=*/true, /*url_required=*/true);
  }
  return v.Result();
}

absl::Status Validate(const v1::UpdateWebhookRequest& r) {
  Violations v;
  CheckScope(v, r.scope(), r.phone_number_id());
  v.Uuid("webhook_id", r.webhook_id(), true);
  for (const std::string& path : r.update_mask().paths()) {
    if (path == "kind") {
      v.Add("update_mask", "kind cannot be changed after creation");
    } else if (!client::IsUpdatableWebhookField(path)) {
      v.Add("update_mask", absl::StrCat("'", path.substr(0, 64), "' is not an updatable field"));
    }
  }
  if (r.update_mask().paths().empty() && !r.webhook().kind().empty()) {
    v.Add("webhook.kind", "kind cannot be changed after creation");
  }
  bool url_masked = false;
  for (const std::string& path : r.update_mask().paths()) url_masked |= path == "url";
  CheckWebhook(v, r.webhook(), /*creating=*/false, url_masked);
  return v.Result();
}

absl::Status Validate(const v1::DeleteWebhookRequest& r) {
  Violations v;
  CheckScope(v, r.scope(), r.phone_number_id());
  v.Uuid("webhook_id", r.webhook_id(), true);
  return v.Result();
}

absl::Status Validate(const v1::TestWebhookRequest& r) {
  Violations v;
  v.Uuid("webhook_id", r.webhook_id(), true);
  if (!r.event_type().empty()) v.KnownEvent("event_type", r.event_type());
  return v.Result();
}

absl::Status Validate(const v1::ListMessagesRequest& r) {
  Violations v;
  v.PhoneNumberId("phone_number_id", r.phone_number_id(), false);
  v.Uuid("conversation_id", r.conversation_id(), false);
  v.PartialPhoneNumber("phone_number", r.phone_number());
  v.OneOf("direction", r.direction(), kDirections);
  v.OneOf("status", r.status(), kMessageStatuses);
  v.LowerWord("message_type", r.message_type());
  v.PageSize("page_size", r.page_size());
  return v.Result();
}

absl::Status Validate(const v1::GetMessageRequest& r) {
  Violations v;
  v.MessageId("message_id", r.message_id());
  return v.Result();
}

absl::Status Validate(const v1::ListConversationsRequest& r) {
  Violations v;
  v.PartialPhoneNumber("phone_number", r.phone_number());
  v.PhoneNumberId("phone_number_id", r.phone_number_id(), false);
  v.OneOf("status", r.status(), kConversationStatuses);
  v.PageSize("page_size", r.page_size());
  return v.Result();
}

absl::Status Validate(const v1::GetConversationRequest& r) {
  Violations v;
  v.Uuid("conversation_id", r.conversation_id(), true);
  return v.Result();
}

absl::Status Validate(const v1::ListMessageErrorsRequest& r) {
  Violations v;
  CheckPeriod(v, r.period());
  if (r.limit() < 0 || r.limit() > 100) v.Add("limit", "must be between 1 and 100 (0 means 20)");
  v.PartialPhoneNumber("phone_number", r.phone_number());
  v.PhoneNumberId("phone_number_id", r.phone_number_id(), false);
  return v.Result();
}

absl::Status Validate(const v1::ListApiLogsRequest& r) {
  Violations v;
  CheckPeriod(v, r.period());
  v.MaxLength("endpoint", r.endpoint(), 512);
  if (r.status_code() != 0) v.Range("status_code", r.status_code(), 100, 599);
  v.PageSize("page_size", r.page_size());
  return v.Result();
}

absl::Status Validate(const v1::ListWebhookDeliveriesRequest& r) {
  Violations v;
  CheckPeriod(v, r.period());
  v.OneOf("status", r.status(), kDeliveryStatuses);
  v.EventPattern("event", r.event());
  v.Uuid("webhook_id", r.webhook_id(), false);
  v.PageSize("page_size", r.page_size());
  return v.Result();
}

absl::Status Validate(const v1::GetProjectOverviewRequest& r) {
  Violations v;
  CheckPeriod(v, r.period());
  return v.Result();
}

absl::Status Validate(const v1::CheckPhoneNumberHealthRequest& r) {
  Violations v;
  v.PhoneNumberId("phone_number_id", r.phone_number_id(), true);
  return v.Result();
}

}  // namespace kapso::service
