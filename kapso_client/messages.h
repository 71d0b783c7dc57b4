#ifndef KAPSO_CLIENT_MESSAGES_H_
#define KAPSO_CLIENT_MESSAGES_H_

// Kapso's /whatsapp/messages: how ListMessages and GetMessage are asked
// (envelopes: kapso/internal/wire/messages.proto) and how a page of the list
// is read back.

#include <optional>

#include "absl/status/statusor.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

absl::StatusOr<HttpRequest> BuildListMessages(const v1::ListMessagesRequest& request,
                                              const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetMessage(const v1::GetMessageRequest& request);

// Moves the page's messages into `response`; the next page, if any.
std::optional<PageRequest> TakeMessagePage(const PageRequest& page, wire::MessageList& list,
                                           v1::ListMessagesResponse* response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_MESSAGES_H_
