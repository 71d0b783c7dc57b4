#include "cli/webhook_requests.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/cli_status.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace kapso::cli {
namespace {

using kapso::ops::v1::Webhook;
using kapso::ops::v1::WebhookScope;

absl::StatusOr<google::protobuf::Value> ParseJson(absl::string_view text, absl::string_view flag) {
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(std::string(text), &value).ok()) {
    return UsageError(absl::StrCat("--", flag, ": not valid JSON"), flag);
  }
  return value;
}

// Sets an optional int32 field from an int flag (range already checked).
template <typename Setter>
void ApplyInt(const ParsedFlags& flags, const std::string& flag, const std::string& field,
              Setter set, std::vector<std::string>* mask) {
  if (!flags.Has(flag)) return;
  set(static_cast<int32_t>(flags.GetInt(flag)));
  mask->push_back(field);
}

template <typename Setter>
void ApplyBool(const ParsedFlags& flags, const std::string& flag, const std::string& field,
               Setter set, std::vector<std::string>* mask) {
  if (!flags.Has(flag)) return;
  set(flags.GetBool(flag));
  mask->push_back(field);
}

absl::Status ApplyListFields(const ParsedFlags& flags, Webhook* webhook,
                             std::vector<std::string>* mask) {
  if (flags.Has("events")) {
    absl::StatusOr<std::vector<std::string>> events = ParseEvents(flags.GetString("events"));
    if (!events.ok()) return events.status();
    webhook->mutable_events()->Assign(events->begin(), events->end());
    mask->push_back("events");
  }
  if (flags.Has("headers")) {
    absl::StatusOr<google::protobuf::Struct> headers = ParseHeaders(flags.GetString("headers"));
    if (!headers.ok()) return headers.status();
    *webhook->mutable_headers_json() = *std::move(headers);
    mask->push_back("headers_json");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseEvents(absl::string_view text) {
  std::vector<std::string> events;
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(trimmed, "[")) {
    absl::StatusOr<google::protobuf::Value> json = ParseJson(trimmed, "events");
    if (!json.ok()) return json.status();
    for (const auto& v : json->list_value().values()) {
      if (v.kind_case() != google::protobuf::Value::kStringValue) {
        return UsageError("--events: JSON array must hold strings", "events");
      }
      events.push_back(v.string_value());
    }
  } else {
    for (absl::string_view part : absl::StrSplit(trimmed, ',')) {
      part = absl::StripAsciiWhitespace(part);
      if (!part.empty()) events.emplace_back(part);
    }
  }
  if (events.empty()) return UsageError("--events: no event given", "events");
  return events;
}

absl::StatusOr<google::protobuf::Struct> ParseHeaders(absl::string_view text) {
  absl::StatusOr<google::protobuf::Value> json = ParseJson(text, "headers");
  if (!json.ok()) return json.status();
  if (json->kind_case() != google::protobuf::Value::kStructValue) {
    return UsageError("--headers: expected a JSON object", "headers");
  }
  return json->struct_value();
}

std::vector<FlagSpec> WebhookUpdateFlags() {
  std::vector<FlagSpec> flags;
  for (FlagSpec& flag : WebhookFieldFlags()) {
    if (flag.name != "kind") flags.push_back(std::move(flag));  // immutable after creation
  }
  return flags;
}

std::vector<FlagSpec> WebhookFieldFlags() {
  return {
      StringFlag("url", "https://...", "delivery URL (https)"),
      StringFlag("events", "CSV|JSON-ARRAY",
                 "event names, e.g. "
                 "whatsapp.message.received,whatsapp.message.failed"),
      EnumFlag("kind", {"kapso", "meta"}, "webhook kind"),
      EnumFlag("payload-version", {"v1", "v2"}, "payload version (v2 recommended)"),
      BoolFlag("buffer-enabled", "batch events before delivery"),
      IntFlag("buffer-window-seconds", 1, 60, "seconds to gather a batch, 1-60"),
      IntFlag("max-buffer-size", 1, 100, "most events per batch, 1-100"),
      IntFlag("inactivity-minutes", 1, 1440, "minutes before conversation.inactive fires, 1-1440"),
      StringFlag("headers", "JSON", "extra HTTP headers, a JSON object (any values)"),
      BoolFlag("active", "deliver events (false pauses the webhook)"),
      StringFlag("secret-key", "S", "HMAC-SHA256 signing secret"),
      EnumFlag("scope", {"config", "project"}, "phone number (config) or project webhooks"),
  };
}

absl::Status ApplyWebhookFields(const ParsedFlags& flags, Webhook* webhook,
                                std::vector<std::string>* mask) {
  if (flags.Has("url")) {
    const std::string url = flags.GetString("url");
    if (!absl::StartsWith(absl::AsciiStrToLower(url), "https://")) {
      return UsageError("--url: must be an https:// URL", "url");
    }
    webhook->set_url(url);
    mask->push_back("url");
  }
  if (absl::Status s = ApplyListFields(flags, webhook, mask); !s.ok()) return s;
  auto set_string = [&](const std::string& flag, const std::string& field, std::string* target) {
    if (!flags.Has(flag)) return;
    *target = flags.GetString(flag);
    mask->push_back(field);
  };
  set_string("kind", "kind", webhook->mutable_kind());
  set_string("payload-version", "payload_version", webhook->mutable_payload_version());
  set_string("secret-key", "secret_key", webhook->mutable_secret_key());
  ApplyBool(
      flags, "buffer-enabled", "buffer_enabled", [&](bool v) { webhook->set_buffer_enabled(v); },
      mask);
  ApplyBool(
      flags, "active", "active", [&](bool v) { webhook->set_active(v); }, mask);
  ApplyInt(
      flags, "buffer-window-seconds", "buffer_window_seconds",
      [&](int32_t v) { webhook->set_buffer_window_seconds(v); }, mask);
  ApplyInt(
      flags, "max-buffer-size", "max_buffer_size",
      [&](int32_t v) { webhook->set_max_buffer_size(v); }, mask);
  ApplyInt(
      flags, "inactivity-minutes", "inactivity_minutes",
      [&](int32_t v) { webhook->set_inactivity_minutes(v); }, mask);
  return absl::OkStatus();
}

WebhookScope ScopeOf(const ParsedFlags& flags) {
  const std::string scope = flags.GetString("scope");
  if (scope == "config") return kapso::ops::v1::WEBHOOK_SCOPE_CONFIG;
  if (scope == "project") return kapso::ops::v1::WEBHOOK_SCOPE_PROJECT;
  return kapso::ops::v1::WEBHOOK_SCOPE_UNSPECIFIED;
}

absl::StatusOr<kapso::ops::v1::ListWebhooksRequest> BuildListWebhooks(const ParsedFlags& flags) {
  kapso::ops::v1::ListWebhooksRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_scope(ScopeOf(flags));
  request.set_kind(flags.GetString("kind"));
  request.set_url_contains(flags.GetString("url-contains"));
  if (flags.Has("active")) request.set_active(flags.GetBool("active"));
  for (const char* flag : {"created-after", "created-before"}) {
    if (!flags.Has(flag)) continue;
    google::protobuf::Timestamp* time = std::string(flag) == "created-after"
                                            ? request.mutable_created_after()
                                            : request.mutable_created_before();
    if (!google::protobuf::util::TimeUtil::FromString(flags.GetString(flag), time)) {
      return UsageError(absl::StrCat("--", flag,
                                     ": expected an RFC 3339 time such as "
                                     "2026-01-31T00:00:00Z"),
                        flag);
    }
  }
  request.set_page_size(static_cast<int32_t>(flags.GetInt("per-page")));
  request.set_page_token(flags.GetString("page-token"));
  return request;
}

kapso::ops::v1::GetWebhookRequest BuildGetWebhook(const ParsedFlags& flags) {
  kapso::ops::v1::GetWebhookRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_scope(ScopeOf(flags));
  request.set_webhook_id(flags.GetString("webhook-id"));
  return request;
}

absl::StatusOr<kapso::ops::v1::CreateWebhookRequest> BuildCreateWebhook(const ParsedFlags& flags) {
  kapso::ops::v1::CreateWebhookRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_scope(ScopeOf(flags));
  std::vector<std::string> unused_mask;
  absl::Status s = ApplyWebhookFields(flags, request.mutable_webhook(), &unused_mask);
  if (!s.ok()) return s;
  return request;
}

absl::StatusOr<kapso::ops::v1::UpdateWebhookRequest> BuildUpdateWebhook(const ParsedFlags& flags) {
  kapso::ops::v1::UpdateWebhookRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_scope(ScopeOf(flags));
  request.set_webhook_id(flags.GetString("webhook-id"));
  std::vector<std::string> mask;
  absl::Status s = ApplyWebhookFields(flags, request.mutable_webhook(), &mask);
  if (!s.ok()) return s;
  // An empty mask would mean "every field set" to the server; say so instead.
  if (mask.empty()) return UsageError("nothing to update: give at least one field flag");
  request.mutable_update_mask()->mutable_paths()->Assign(mask.begin(), mask.end());
  return request;
}

kapso::ops::v1::DeleteWebhookRequest BuildDeleteWebhook(const ParsedFlags& flags) {
  kapso::ops::v1::DeleteWebhookRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_scope(ScopeOf(flags));
  request.set_webhook_id(flags.GetString("webhook-id"));
  return request;
}

kapso::ops::v1::TestWebhookRequest BuildTestWebhook(const ParsedFlags& flags) {
  kapso::ops::v1::TestWebhookRequest request;
  request.set_webhook_id(flags.GetString("webhook-id"));
  request.set_event_type(flags.GetString("event-type"));
  return request;
}

}  // namespace kapso::cli
