// Turns validated `webhooks ...` flags into request messages. Pure, so the
// mapping (scope, events, headers, the update mask) is unit-tested without a
// server.
#ifndef CLI_WEBHOOK_REQUESTS_H_
#define CLI_WEBHOOK_REQUESTS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cli/flag_parser.h"
#include "google/protobuf/struct.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"

namespace kapso::cli {

// --events as CSV ("a,b") or a JSON array of strings ('["a","b"]').
absl::StatusOr<std::vector<std::string>> ParseEvents(absl::string_view text);

// --headers as a JSON object; values may be any JSON, as Kapso's spec allows
// (they go to Webhook.headers_json).
absl::StatusOr<google::protobuf::Struct> ParseHeaders(absl::string_view text);

// The flags create takes (--url, --events, --kind...).
std::vector<FlagSpec> WebhookFieldFlags();
// The same without --kind, which cannot change after creation.
std::vector<FlagSpec> WebhookUpdateFlags();

// Sets the Webhook fields whose flags are present and names each in `mask`
// (by proto field name). Errors name the flag.
absl::Status ApplyWebhookFields(const ParsedFlags& flags, kapso::ops::v1::Webhook* webhook,
                                std::vector<std::string>* mask);

kapso::ops::v1::WebhookScope ScopeOf(const ParsedFlags& flags);

// --created-after/--created-before are RFC 3339 times.
absl::StatusOr<kapso::ops::v1::ListWebhooksRequest> BuildListWebhooks(const ParsedFlags& flags);
kapso::ops::v1::GetWebhookRequest BuildGetWebhook(const ParsedFlags& flags);
absl::StatusOr<kapso::ops::v1::CreateWebhookRequest> BuildCreateWebhook(const ParsedFlags& flags);
// Only the flags given are sent: update_mask names exactly those fields.
absl::StatusOr<kapso::ops::v1::UpdateWebhookRequest> BuildUpdateWebhook(const ParsedFlags& flags);
kapso::ops::v1::DeleteWebhookRequest BuildDeleteWebhook(const ParsedFlags& flags);
kapso::ops::v1::TestWebhookRequest BuildTestWebhook(const ParsedFlags& flags);

}  // namespace kapso::cli

#endif  // CLI_WEBHOOK_REQUESTS_H_
