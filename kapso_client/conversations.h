#ifndef KAPSO_CLIENT_CONVERSATIONS_H_
#define KAPSO_CLIENT_CONVERSATIONS_H_

// Kapso's /whatsapp/conversations: how ListConversations and
// GetConversation are asked (envelopes:
// kapso/internal/wire/conversations.proto) and how a page is read back.

#include <optional>

#include "absl/status/statusor.h"
#include "kapso/internal/wire/conversations.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso_client/http_types.h"
#include "kapso_client/page_request.h"

namespace kapso::client {

namespace v1 = ::kapso::ops::v1;

absl::StatusOr<HttpRequest> BuildListConversations(const v1::ListConversationsRequest& request,
                                                   const PageRequest& page);
absl::StatusOr<HttpRequest> BuildGetConversation(const v1::GetConversationRequest& request);

// Moves the page's conversations into `response`; the next page, if any.
std::optional<PageRequest> TakeConversationPage(const PageRequest& page,
                                                wire::ConversationList& list,
                                                v1::ListConversationsResponse* response);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CONVERSATIONS_H_
