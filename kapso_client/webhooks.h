#ifndef KAPSO_CLIENT_WEBHOOKS_H_
#define KAPSO_CLIENT_WEBHOOKS_H_

// Kapso's webhooks (/whatsapp/webhooks, and a number's
// /whatsapp/phone_numbers/{id}/webhooks): how each Webhooks RPC is asked
// (envelopes: kapso/internal/wire/webhooks.proto) and how a page of the
// list is read back.

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "kapso/internal/wire/webhooks.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

// Fields of Webhook that UpdateWebhook may send.
bool IsUpdatableWebhookField(absl::string_view field);

absl::StatusOr<HttpRequest> BuildListWebhooks(const v1::ListWebhooksRequest& request,
                                              const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetWebhook(const v1::GetWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildCreateWebhook(const v1::CreateWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildUpdateWebhook(const v1::UpdateWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildDeleteWebhook(const v1::DeleteWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildTestWebhook(const v1::TestWebhookRequest& request);

// Moves the page's webhooks and Kapso's total into `response`; the next
// page, if any.
std::optional<PageRequest> TakeWebhookPage(const PageRequest& page, wire::WebhookList& list,
                                           v1::ListWebhooksResponse* response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_WEBHOOKS_H_
