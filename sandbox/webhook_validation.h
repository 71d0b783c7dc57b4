// Kapso's rules for webhook bodies ({"whatsapp_webhook": {...}}): field
// types, https URLs, known events, ranges, kind-specific normalization, and
// the plan gate on `project.event`. Conflicts with other webhooks (409) are
// the registry's business.
#ifndef SANDBOX_WEBHOOK_VALIDATION_H_
#define SANDBOX_WEBHOOK_VALIDATION_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace kapso::sandbox {

// The collection a webhook is created through.
enum class WebhookCollection {
  kPhoneNumber,  // /whatsapp/phone_numbers/{id}/webhooks: secret_key required
  kProject,      // /whatsapp/webhooks: phone_number_id optional in the body
};

// A complete webhook (defaults filled in; no id, project or timestamps) from
// a create body. `path_phone_number_id` is the number in the path, if any.
// Errors: 422 for invalid input, 402 for `project.event`.
absl::StatusOr<nlohmann::json> NewWebhookFromRequest(
    const nlohmann::json& body, WebhookCollection collection,
    const std::optional<std::string>& path_phone_number_id);

// `current` with a PATCH body applied and checked; `kind` may not change.
absl::StatusOr<nlohmann::json> PatchedWebhook(const nlohmann::json& body,
                                              const nlohmann::json& current);

// Whether `event` is one a webhook may subscribe to.
bool IsKnownEvent(const std::string& event);

}  // namespace kapso::sandbox

#endif  // SANDBOX_WEBHOOK_VALIDATION_H_
