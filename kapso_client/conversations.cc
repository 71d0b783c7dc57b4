#include "kapso_client/conversations.h"

#include "kapso_client/request_building.h"

namespace kapso::client {

absl::StatusOr<HttpRequest> BuildListConversations(const v1::ListConversationsRequest& request,
                                                   const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/conversations"};
  AddPhoneFilter(http.query, request.phone_number());
  AddFilter(http.query, "phone_number_id", request.phone_number_id());
  AddFilter(http.query, "status", request.status());
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildGetConversation(const v1::GetConversationRequest& request) {
  return ItemRequest("/whatsapp/conversations", "conversation_id", request.conversation_id());
}

std::optional<PageRequest> TakeConversationPage(const PageRequest& page,
                                                wire::ConversationList& list,
                                                v1::ListConversationsResponse* response) {
  return TakeCursorPage(page, list, response->mutable_conversations());
}

}  // namespace kapso::client
