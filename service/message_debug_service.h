#ifndef SERVICE_MESSAGE_DEBUG_SERVICE_H_
#define SERVICE_MESSAGE_DEBUG_SERVICE_H_

#include "kapso/ops/v1/message_debug.grpc.pb.h"
#include "service/service_deps.h"

namespace kapso::service {

// kapso.ops.v1.MessageDebug over Kapso's messages and conversations.
class MessageDebugService final : public ops::v1::MessageDebug::CallbackService {
 public:
  explicit MessageDebugService(const ServiceDeps& deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* ListMessages(grpc::CallbackServerContext* context,
                                         const ops::v1::ListMessagesRequest* request,
                                         ops::v1::ListMessagesResponse* response) override;
  grpc::ServerUnaryReactor* GetMessage(grpc::CallbackServerContext* context,
                                       const ops::v1::GetMessageRequest* request,
                                       ops::v1::Message* response) override;
  grpc::ServerUnaryReactor* ListConversations(
      grpc::CallbackServerContext* context, const ops::v1::ListConversationsRequest* request,
      ops::v1::ListConversationsResponse* response) override;
  grpc::ServerUnaryReactor* GetConversation(grpc::CallbackServerContext* context,
                                            const ops::v1::GetConversationRequest* request,
                                            ops::v1::Conversation* response) override;

 private:
  const ServiceDeps& deps_;
};

}  // namespace kapso::service

#endif  // SERVICE_MESSAGE_DEBUG_SERVICE_H_
