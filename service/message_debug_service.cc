#include "service/message_debug_service.h"

#include "kapso_client/conversations.h"
#include "kapso_client/messages.h"
#include "service/message_diagnosis.h"
#include "service/request_validation.h"
#include "service/serve_item.h"
#include "service/serve_list.h"
#include "service/unary_call.h"

namespace kapso::service {

namespace wire = ::kapso::internal::wire;

grpc::ServerUnaryReactor* MessageDebugService::ListMessages(grpc::CallbackServerContext* context,
                                                            const v1::ListMessagesRequest* request,
                                                            v1::ListMessagesResponse* response) {
  return ServeList(context, deps_, request, &client::BuildListMessages, &client::TakeMessagePage,
                   response);
}

grpc::ServerUnaryReactor* MessageDebugService::GetMessage(grpc::CallbackServerContext* context,
                                                          const v1::GetMessageRequest* request,
                                                          v1::Message* response) {
  return ServeItem<wire::MessageItem>(context, deps_, *request, &client::BuildGetMessage, response,
                                      &ExplainMessage);
}

grpc::ServerUnaryReactor* MessageDebugService::ListConversations(
    grpc::CallbackServerContext* context, const v1::ListConversationsRequest* request,
    v1::ListConversationsResponse* response) {
  return ServeList(context, deps_, request, &client::BuildListConversations,
                   &client::TakeConversationPage, response);
}

grpc::ServerUnaryReactor* MessageDebugService::GetConversation(
    grpc::CallbackServerContext* context, const v1::GetConversationRequest* request,
    v1::Conversation* response) {
  return ServeItem<wire::ConversationItem>(context, deps_, *request, &client::BuildGetConversation,
                                           response);
}

}  // namespace kapso::service
