#ifndef SERVICE_REQUEST_VALIDATION_H_
#define SERVICE_REQUEST_VALIDATION_H_

// Request checks run before anything is sent to Kapso. Each returns OK or
// INVALID_ARGUMENT with a BadRequest naming every offending field, so a
// caller can fix all of them at once.

#include "absl/status/status.h"
#include "kapso/ops/v1/health.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso/ops/v1/triage.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"

namespace kapso::service {

namespace v1 = ::kapso::ops::v1;

absl::Status Validate(const v1::ListWebhooksRequest& request);
absl::Status Validate(const v1::GetWebhookRequest& request);
absl::Status Validate(const v1::CreateWebhookRequest& request);
absl::Status Validate(const v1::UpdateWebhookRequest& request);
absl::Status Validate(const v1::DeleteWebhookRequest& request);
absl::Status Validate(const v1::TestWebhookRequest& request);

absl::Status Validate(const v1::ListMessagesRequest& request);
absl::Status Validate(const v1::GetMessageRequest& request);
absl::Status Validate(const v1::ListConversationsRequest& request);
absl::Status Validate(const v1::GetConversationRequest& request);

absl::Status Validate(const v1::ListMessageErrorsRequest& request);
absl::Status Validate(const v1::ListApiLogsRequest& request);
absl::Status Validate(const v1::ListWebhookDeliveriesRequest& request);

absl::Status Validate(const v1::GetProjectOverviewRequest& request);
absl::Status Validate(const v1::CheckPhoneNumberHealthRequest& request);

}  // namespace kapso::service

#endif  // SERVICE_REQUEST_VALIDATION_H_
