#ifndef KAPSO_CLIENT_KAPSO_REQUESTS_H_
#define KAPSO_CLIENT_KAPSO_REQUESTS_H_

// Pure functions from kapso.ops.v1 requests to Kapso HTTP requests: the path
// (ids percent-encoded), the query (Kapso's parameter names) and the JSON
// body. One place to read how each RPC is spoken to Kapso.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "kapso/ops/v1/health.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso/ops/v1/triage.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"
#include "kapso_client/http_types.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

// Where in an upstream list to read: Kapso's page-based lists take `page`,
// its cursor lists take `cursor` ("" for the first page).
struct PageRequest {
  int32_t page_size = 20;
  int32_t page = 1;
  std::string cursor;
};

// Fields of Webhook that UpdateWebhook may send.
bool IsUpdatableWebhookField(absl::string_view field);

absl::StatusOr<HttpRequest> BuildListWebhooks(const v1::ListWebhooksRequest& request,
                                              const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetWebhook(const v1::GetWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildCreateWebhook(const v1::CreateWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildUpdateWebhook(const v1::UpdateWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildDeleteWebhook(const v1::DeleteWebhookRequest& request);
absl::StatusOr<HttpRequest> BuildTestWebhook(const v1::TestWebhookRequest& request);

absl::StatusOr<HttpRequest> BuildListMessages(const v1::ListMessagesRequest& request,
                                              const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetMessage(const v1::GetMessageRequest& request);
absl::StatusOr<HttpRequest> BuildListConversations(const v1::ListConversationsRequest& request,
                                                   const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetConversation(const v1::GetConversationRequest& request);

absl::StatusOr<HttpRequest> BuildListApiLogs(const v1::ListApiLogsRequest& request,
                                             const PageRequest& page);
absl::StatusOr<HttpRequest> BuildListWebhookDeliveries(
    const v1::ListWebhookDeliveriesRequest& request, const PageRequest& page);

absl::StatusOr<HttpRequest> BuildListPhoneNumbers(const PageRequest& page);
absl::StatusOr<HttpRequest> BuildPhoneNumberHealth(const v1::CheckPhoneNumberHealthRequest& request);

// "24h", "7d", "30d" (UNSPECIFIED is Kapso's default, 24h).
absl::string_view PeriodParam(v1::Period period);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_KAPSO_REQUESTS_H_
