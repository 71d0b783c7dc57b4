#ifndef SERVICE_KAPSO_HEALTH_SERVICE_H_
#define SERVICE_KAPSO_HEALTH_SERVICE_H_

#include "kapso/ops/v1/health.grpc.pb.h"
#include "service/service_deps.h"

namespace kapso::service {

// kapso.ops.v1.Health: project overview and phone number health. (Named
// apart from grpc.health.v1, the server's own health service.)
class KapsoHealthService final : public ops::v1::Health::CallbackService {
 public:
  explicit KapsoHealthService(const ServiceDeps& deps) : deps_(deps) {}

  grpc::ServerUnaryReactor* GetProjectOverview(grpc::CallbackServerContext* context,
                                               const ops::v1::GetProjectOverviewRequest* request,
                                               ops::v1::ProjectOverview* response) override;
  grpc::ServerUnaryReactor* CheckPhoneNumberHealth(
      grpc::CallbackServerContext* context, const ops::v1::CheckPhoneNumberHealthRequest* request,
      ops::v1::PhoneNumberHealth* response) override;
  grpc::ServerUnaryReactor* ResolvePhoneNumber(grpc::CallbackServerContext* context,
                                               const ops::v1::ResolvePhoneNumberRequest* request,
                                               ops::v1::PhoneNumber* response) override;

 private:
  const ServiceDeps& deps_;
};

}  // namespace kapso::service

#endif  // SERVICE_KAPSO_HEALTH_SERVICE_H_
