#ifndef SERVICE_OBSERVABILITY_INTERCEPTOR_H_
#define SERVICE_OBSERVABILITY_INTERCEPTOR_H_

#include "grpcpp/support/server_interceptor.h"
#include "service/server_metrics.h"

namespace kapso::service {

// Per-RPC metrics (method, code, latency) and, when `access_log`, one JSON
// line per RPC on stderr: time, method, code, duration, request id and, for
// a failure, its (already redacted) message. Nothing from requests or
// metadata but the request id is logged, so no secret can reach the log.
class ObservabilityInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  ObservabilityInterceptorFactory(ServerMetrics* metrics, bool access_log)
      : metrics_(metrics), access_log_(access_log) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  ServerMetrics* const metrics_;
  const bool access_log_;
};

}  // namespace kapso::service

#endif  // SERVICE_OBSERVABILITY_INTERCEPTOR_H_
