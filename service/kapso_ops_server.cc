#include "service/kapso_ops_server.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "kapso_client/curl_multi_transport.h"
#include "kapso_client/kapso_client.h"
#include "service/grpc_status.h"
#include "service/kapso_health_service.h"
#include "service/message_debug_service.h"
#include "service/service_deps.h"
#include "service/triage_service.h"
#include "service/webhooks_service.h"

namespace kapso::service {

// Members are declared in dependency order, so the gRPC server (declared
// last) is destroyed first, before the services and transport it calls.
class KapsoOpsServer::Impl {
 public:
  absl::Status Init(const ServerOptions& options);
  int port() const { return port_; }
  void Shutdown(absl::Duration grace);

 private:
  std::unique_ptr<client::CurlMultiTransport> transport_;
  std::unique_ptr<client::KapsoClient> client_;
  std::unique_ptr<SecretRedactor> redactor_;
  ServiceDeps deps_;
  std::unique_ptr<WebhooksService> webhooks_;
  std::unique_ptr<MessageDebugService> message_debug_;
  std::unique_ptr<TriageService> triage_;
  std::unique_ptr<KapsoHealthService> health_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool shut_down_ = false;
};

absl::Status KapsoOpsServer::Impl::Init(const ServerOptions& options) {
  client::CurlTransportOptions transport_options;
  transport_options.base_url = options.kapso_base_url;
  transport_options.api_key = options.kapso_api_key;
  transport_options.max_connections = options.max_upstream_connections;
  auto transport = client::CurlMultiTransport::Create(std::move(transport_options));
  if (!transport.ok()) return transport.status();
  transport_ = *std::move(transport);
  client_ = std::make_unique<client::KapsoClient>(transport_.get());
  redactor_ = std::make_unique<SecretRedactor>(std::vector<std::string>{options.kapso_api_key});
  deps_.client = client_.get();
  deps_.redactor = redactor_.get();
  deps_.allow_caller_api_keys = options.allow_caller_api_keys;
  deps_.overview_count_limit = options.overview_count_limit;
  deps_.max_call_duration = options.max_call_duration;
  webhooks_ = std::make_unique<WebhooksService>(deps_);
  message_debug_ = std::make_unique<MessageDebugService>(deps_);
  triage_ = std::make_unique<TriageService>(deps_);
  health_ = std::make_unique<KapsoHealthService>(deps_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // TLS is the mesh's job (mTLS at the sidecar); the server speaks plaintext
  // to its local proxy.
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(webhooks_.get());
  builder.RegisterService(message_debug_.get());
  builder.RegisterService(triage_.get());
  builder.RegisterService(health_.get());
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  return absl::OkStatus();
}

void KapsoOpsServer::Impl::Shutdown(absl::Duration grace) {
  if (shut_down_) return;
  shut_down_ = true;
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace));
}

absl::StatusOr<std::unique_ptr<KapsoOpsServer>> KapsoOpsServer::Start(
    const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (absl::Status s = impl->Init(options); !s.ok()) return s;
  return std::unique_ptr<KapsoOpsServer>(new KapsoOpsServer(std::move(impl)));
}

KapsoOpsServer::KapsoOpsServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

KapsoOpsServer::~KapsoOpsServer() { Shutdown(absl::ZeroDuration()); }

int KapsoOpsServer::port() const { return impl_->port(); }

void KapsoOpsServer::Shutdown(absl::Duration grace) { impl_->Shutdown(grace); }

}  // namespace kapso::service
