#ifndef SERVICE_TRIAGE_SERVICE_H_
#define SERVICE_TRIAGE_SERVICE_H_

#include "kapso/ops/v1/triage.grpc.pb.h"
#include "service/service_deps.h"

namespace kapso::service {

// kapso.ops.v1.Triage over Kapso's messages, api_logs and webhook_deliveries
// (RunTriage also reads numbers, their health and webhooks).
class TriageService final : public ops::v1::Triage::CallbackService {
 public:
  explicit TriageService(const ServiceDeps& deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* ListMessageErrors(
      grpc::CallbackServerContext* context, const ops::v1::ListMessageErrorsRequest* request,
      ops::v1::ListMessageErrorsResponse* response) override;
  grpc::ServerUnaryReactor* ListApiLogs(grpc::CallbackServerContext* context,
                                        const ops::v1::ListApiLogsRequest* request,
                                        ops::v1::ListApiLogsResponse* response) override;
  grpc::ServerUnaryReactor* ListWebhookDeliveries(
      grpc::CallbackServerContext* context, const ops::v1::ListWebhookDeliveriesRequest* request,
      ops::v1::ListWebhookDeliveriesResponse* response) override;
  grpc::ServerUnaryReactor* RunTriage(grpc::CallbackServerContext* context,
                                      const ops::v1::RunTriageRequest* request,
                                      ops::v1::TriageReport* response) override;

  // Live tails: triage_follow.cc.
  grpc::ServerWriteReactor<ops::v1::FollowMessageErrorsResponse>* FollowMessageErrors(
      grpc::CallbackServerContext* context,
      const ops::v1::FollowMessageErrorsRequest* request) override;
  grpc::ServerWriteReactor<ops::v1::FollowApiLogsResponse>* FollowApiLogs(
      grpc::CallbackServerContext* context, const ops::v1::FollowApiLogsRequest* request) override;
  grpc::ServerWriteReactor<ops::v1::FollowWebhookDeliveriesResponse>* FollowWebhookDeliveries(
      grpc::CallbackServerContext* context,
      const ops::v1::FollowWebhookDeliveriesRequest* request) override;

 private:
  const ServiceDeps& deps_;
};

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_SERVICE_H_
