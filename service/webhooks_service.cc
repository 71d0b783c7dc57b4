#include "service/webhooks_service.h"

#include "kapso_client/webhooks.h"
#include "service/request_validation.h"
#include "service/serve_item.h"
#include "service/serve_list.h"
#include "service/unary_call.h"
#include "service/webhook_secret.h"

namespace kapso::service {

namespace wire = ::kapso::internal::wire;

namespace {

// Kapso requires a secret and never makes one: make it here, and hand it
// back in the answer (or, when the create fails, in the error's metadata
// only: webhook_secret.h).
void CreateWithGeneratedSecret(UnaryCall* call, const v1::CreateWebhookRequest& request,
                               v1::Webhook* response) {
  absl::StatusOr<std::string> secret = GenerateWebhookSecret();
  if (!call->Check(secret.status())) return;
  v1::CreateWebhookRequest with_secret = request;
  with_secret.mutable_webhook()->set_secret_key(*secret);
  call->deps().client->Fetch<wire::WebhookItem>(
      client::BuildCreateWebhook(with_secret), call->request_context(),
      [call, response, secret = *secret](absl::StatusOr<wire::WebhookItem> item) {
        if (!item.ok()) return (void)call->Complete(WithGeneratedSecret(item.status(), secret));
        response->Swap(item->mutable_data());
        call->Complete(absl::OkStatus());
      });
}

}  // namespace

grpc::ServerUnaryReactor* WebhooksService::ListWebhooks(grpc::CallbackServerContext* context,
                                                        const v1::ListWebhooksRequest* request,
                                                        v1::ListWebhooksResponse* response) {
  return ServeList(context, deps_, request, &client::BuildListWebhooks, &client::TakeWebhookPage,
                   response);
}

grpc::ServerUnaryReactor* WebhooksService::GetWebhook(grpc::CallbackServerContext* context,
                                                      const v1::GetWebhookRequest* request,
                                                      v1::Webhook* response) {
  return ServeItem<wire::WebhookItem>(context, deps_, *request, &client::BuildGetWebhook, response);
}

grpc::ServerUnaryReactor* WebhooksService::CreateWebhook(grpc::CallbackServerContext* context,
                                                         const v1::CreateWebhookRequest* request,
                                                         v1::Webhook* response) {
  if (!request->webhook().secret_key().empty()) {
    return ServeItem<wire::WebhookItem>(context, deps_, *request, &client::BuildCreateWebhook,
                                        response);
  }
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  CreateWithGeneratedSecret(call, *request, response);
  return call;
}

grpc::ServerUnaryReactor* WebhooksService::UpdateWebhook(grpc::CallbackServerContext* context,
                                                         const v1::UpdateWebhookRequest* request,
                                                         v1::Webhook* response) {
  return ServeItem<wire::WebhookItem>(context, deps_, *request, &client::BuildUpdateWebhook,
                                      response);
}

grpc::ServerUnaryReactor* WebhooksService::DeleteWebhook(grpc::CallbackServerContext* context,
                                                         const v1::DeleteWebhookRequest* request,
                                                         google::protobuf::Empty* response) {
  UnaryCall* call = UnaryCall::Start(context, deps_);
  if (!call->Check(Validate(*request))) return call;
  deps_.client->Fetch<google::protobuf::Empty>(
      client::BuildDeleteWebhook(*request), call->request_context(),
      call->Then<google::protobuf::Empty>(
          [](google::protobuf::Empty) { return absl::OkStatus(); }));
  return call;
}

grpc::ServerUnaryReactor* WebhooksService::TestWebhook(grpc::CallbackServerContext* context,
                                                       const v1::TestWebhookRequest* request,
                                                       v1::TestWebhookResponse* response) {
  return ServeItem<wire::TestResultItem>(context, deps_, *request, &client::BuildTestWebhook,
                                         response);
}

}  // namespace kapso::service
