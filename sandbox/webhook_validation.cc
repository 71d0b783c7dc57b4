#include "sandbox/webhook_validation.h"

#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sandbox/api_error.h"

namespace kapso::sandbox {
namespace {

using nlohmann::json;

const char* const kNumberEvents[] = {
    "whatsapp.message.received",   "whatsapp.message.sent",
    "whatsapp.message.delivered",  "whatsapp.message.read",
    "whatsapp.message.failed",     "whatsapp.conversation.created",
    "whatsapp.conversation.ended", "whatsapp.conversation.inactive",
    "whatsapp.config.created",  // payload v1 only
};
const char* const kProjectEvents[] = {
    "whatsapp.phone_number.created",
    "whatsapp.phone_number.deleted",
    "workflow.execution.handoff",
    "workflow.execution.failed",
    "project.event",  // plan-gated: 402
};

bool IsProjectEvent(const std::string& event) {
  for (const char* known : kProjectEvents) {
    if (event == known) return true;
  }
  return false;
}

bool IsStringArray(const json& value) {
  if (!value.is_array()) return false;
  for (const json& item : value) {
    if (!item.is_string()) return false;
  }
  return true;
}

// Checks the JSON type of one input field; null is accepted where Kapso's
// schema allows it and then means "the default".
absl::Status CheckFieldType(const std::string& name, const json& value) {
  bool ok = true;
  if (name == "url" || name == "kind") {
    ok = value.is_string();
  } else if (name == "secret_key" || name == "payload_version" || name == "phone_number_id") {
    ok = value.is_string() || value.is_null();
  } else if (name == "active" || name == "buffer_enabled") {
    ok = value.is_boolean();
  } else if (name == "buffer_window_seconds" || name == "max_buffer_size" ||
             name == "inactivity_minutes") {
    ok = value.is_number_integer() || value.is_null();
  } else if (name == "events" || name == "buffer_events") {
    ok = IsStringArray(value);
  } else if (name == "headers") {
    ok = value.is_null() || value.is_object();  // values of any JSON type, as Kapso's spec says
  }
  if (ok) return absl::OkStatus();
  return ApiError(422, absl::StrCat(name, " has the wrong type"));
}

const json& Defaults() {
  static const json* defaults = new json{{"url", ""},
                                         {"kind", "kapso"},
                                         {"events", json::array()},
                                         {"active", true},
                                         {"secret_key", nullptr},
                                         {"headers", json::object()},
                                         {"payload_version", "v2"},
                                         {"buffer_enabled", false},
                                         {"buffer_window_seconds", 5},
                                         {"max_buffer_size", 50},
                                         {"buffer_events", json::array()},
                                         {"inactivity_minutes", 60},
                                         {"phone_number_id", nullptr}};
  return *defaults;
}

// Copies the known fields of `input` over `webhook`, type-checked.
absl::Status Merge(const json& input, json& webhook) {
  for (const auto& [name, value] : input.items()) {
    if (!Defaults().contains(name) || name == "phone_number_id") continue;
    absl::Status status = CheckFieldType(name, value);
    if (!status.ok()) return status;
    webhook[name] = value.is_null() ? Defaults().at(name) : value;
  }
  return absl::OkStatus();
}

absl::StatusOr<json> Inner(const json& body) {
  if (!body.contains("whatsapp_webhook") || !body["whatsapp_webhook"].is_object()) {
    return ApiError(422, "whatsapp_webhook is required");
  }
  return body["whatsapp_webhook"];
}

absl::Status CheckRange(const json& webhook, const char* name, int low, int high) {
  int value = webhook.at(name).get<int>();
  if (value >= low && value <= high) return absl::OkStatus();
  return ApiError(422, absl::StrCat(name, " must be between ", low, " and ", high));
}

absl::Status CheckEvents(const json& webhook) {
  bool project_scoped = webhook["phone_number_id"].is_null();
  for (const char* list : {"events", "buffer_events"}) {
    for (const json& event : webhook[list]) {
      std::string name = event.get<std::string>();
      if (!IsKnownEvent(name)) return ApiError(422, absl::StrCat("Unknown event: ", name));
      if (name == "whatsapp.config.created" && webhook["payload_version"] != "v1") {
        return ApiError(422, "whatsapp.config.created requires payload_version v1");
      }
      if (project_scoped && !IsProjectEvent(name)) {
        return ApiError(422, absl::StrCat("Project webhooks do not receive ", name,
                                          "; use a phone-number webhook"));
      }
    }
  }
  if (webhook["kind"] == "kapso" && webhook["events"].empty()) {
    return ApiError(422, "events must not be empty");
  }
  return absl::OkStatus();
}

// Meta webhooks forward Meta's raw payloads: no events, no buffering.
absl::Status NormalizeMeta(json& webhook) {
  if (webhook["kind"] != "meta") return absl::OkStatus();
  if (webhook["phone_number_id"].is_null()) {
    return ApiError(422, "meta webhooks require phone_number_id");
  }
  if (webhook["buffer_enabled"].get<bool>()) {
    return ApiError(422, "buffering is not supported for meta webhooks");
  }
  webhook["events"] = json::array();
  webhook["buffer_events"] = json::array();
  webhook["payload_version"] = nullptr;
  return absl::OkStatus();
}

absl::Status Validate(json& webhook) {
  std::string url = webhook["url"].get<std::string>();
  if (!absl::StartsWith(url, "https://") || url.size() <= 8) {
    return ApiError(422, "url must be a valid https URL");
  }
  if (webhook["kind"] != "kapso" && webhook["kind"] != "meta") {
    return ApiError(422, "kind must be kapso or meta");
  }
  if (webhook["kind"] == "kapso" && webhook["payload_version"] != "v1" &&
      webhook["payload_version"] != "v2") {
    return ApiError(422, "payload_version must be v1 or v2");
  }
  for (absl::Status status :
       {NormalizeMeta(webhook), CheckRange(webhook, "buffer_window_seconds", 1, 60),
        CheckRange(webhook, "max_buffer_size", 1, 100),
        CheckRange(webhook, "inactivity_minutes", 1, 1440), CheckEvents(webhook)}) {
    if (!status.ok()) return status;
  }
  for (const json& event : webhook["events"]) {
    if (event == "project.event") {
      return ApiError(402, "project.event webhooks are not available on your plan");
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsKnownEvent(const std::string& event) {
  for (const char* known : kNumberEvents) {
    if (event == known) return true;
  }
  return IsProjectEvent(event);
}

absl::StatusOr<json> NewWebhookFromRequest(const json& body, WebhookCollection collection,
                                           const std::optional<std::string>& path_phone_number_id) {
  absl::StatusOr<json> input = Inner(body);
  if (!input.ok()) return input.status();
  json webhook = Defaults();
  absl::Status merged = Merge(*input, webhook);
  if (!merged.ok()) return merged;
  if (!input->contains("url")) return ApiError(422, "url is required");
  if (path_phone_number_id.has_value()) {
    webhook["phone_number_id"] = *path_phone_number_id;
  } else if (input->contains("phone_number_id")) {
    absl::Status status = CheckFieldType("phone_number_id", (*input)["phone_number_id"]);
    if (!status.ok()) return status;
    webhook["phone_number_id"] = (*input)["phone_number_id"];
  }
  // Kapso never generates a secret; the number collection requires one.
  if (collection == WebhookCollection::kPhoneNumber &&
      (!webhook["secret_key"].is_string() || webhook["secret_key"].get<std::string>().empty())) {
    return ApiError(422, "secret_key is required");
  }
  absl::Status valid = Validate(webhook);
  if (!valid.ok()) return valid;
  return webhook;
}

absl::StatusOr<json> PatchedWebhook(const json& body, const json& current) {
  absl::StatusOr<json> input = Inner(body);
  if (!input.ok()) return input.status();
  if (input->contains("kind") && (*input)["kind"] != current["kind"]) {
    return ApiError(422, "kind cannot be changed after creation");
  }
  json webhook = current;
  absl::Status merged = Merge(*input, webhook);
  if (!merged.ok()) return merged;
  absl::Status valid = Validate(webhook);
  if (!valid.ok()) return valid;
  return webhook;
}

}  // namespace kapso::sandbox
