#include "kapso_client/messages.h"

#include "kapso_client/request_building.h"

namespace kapso::client {

absl::StatusOr<HttpRequest> BuildListMessages(const v1::ListMessagesRequest& request,
                                              const PageRequest& page) {
  HttpRequest http{HttpMethod::kGet, "/whatsapp/messages"};
  AddFilter(http.query, "phone_number_id", request.phone_number_id());
  AddFilter(http.query, "conversation_id", request.conversation_id());
  AddPhoneFilter(http.query, request.phone_number());
  AddFilter(http.query, "direction", request.direction());
  AddFilter(http.query, "status", request.status());
  AddFilter(http.query, "message_type", request.message_type());
  if (request.has_has_media()) {
    http.query.emplace_back("has_media", request.has_media() ? "true" : "false");
  }
  AddCursorPage(http.query, page);
  return http;
}

absl::StatusOr<HttpRequest> BuildGetMessage(const v1::GetMessageRequest& request) {
  return ItemRequest("/whatsapp/messages", "message_id", request.message_id());
}

std::optional<PageRequest> TakeMessagePage(const PageRequest& page, wire::MessageList& list,
                                           v1::ListMessagesResponse* response) {
  return TakeCursorPage(page, list, response->mutable_messages());
}

}  // namespace kapso::client
