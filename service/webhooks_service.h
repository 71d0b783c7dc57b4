#ifndef SERVICE_WEBHOOKS_SERVICE_H_
#define SERVICE_WEBHOOKS_SERVICE_H_

#include "kapso/ops/v1/webhooks.grpc.pb.h"
#include "service/service_deps.h"

namespace kapso::service {

// kapso.ops.v1.Webhooks over Kapso's two webhook collections.
class WebhooksService final : public ops::v1::Webhooks::CallbackService {
 public:
  explicit WebhooksService(const ServiceDeps& deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* ListWebhooks(grpc::CallbackServerContext* context,
                                         const ops::v1::ListWebhooksRequest* request,
                                         ops::v1::ListWebhooksResponse* response) override;
  grpc::ServerUnaryReactor* GetWebhook(grpc::CallbackServerContext* context,
                                       const ops::v1::GetWebhookRequest* request,
                                       ops::v1::Webhook* response) override;
  grpc::ServerUnaryReactor* CreateWebhook(grpc::CallbackServerContext* context,
                                          const ops::v1::CreateWebhookRequest* request,
                                          ops::v1::Webhook* response) override;
  grpc::ServerUnaryReactor* UpdateWebhook(grpc::CallbackServerContext* context,
                                          const ops::v1::UpdateWebhookRequest* request,
                                          ops::v1::Webhook* response) override;
  grpc::ServerUnaryReactor* DeleteWebhook(grpc::CallbackServerContext* context,
                                          const ops::v1::DeleteWebhookRequest* request,
                                          google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* TestWebhook(grpc::CallbackServerContext* context,
                                        const ops::v1::TestWebhookRequest* request,
                                        ops::v1::TestWebhookResponse* response) override;

 private:
  const ServiceDeps& deps_;
};

}  // namespace kapso::service

#endif  // SERVICE_WEBHOOKS_SERVICE_H_
