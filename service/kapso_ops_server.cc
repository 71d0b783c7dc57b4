#include "service/kapso_ops_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "kapso_client/kapso_client.h"
#include "kapso_client/transport_stack.h"
#include "service/follow_registry.h"
#include "service/grpc_status.h"
#include "service/kapso_health_service.h"
#include "service/message_debug_service.h"
#include "service/observability_interceptor.h"
#include "service/phone_number_directory.h"
#include "service/reflection_v1.h"
#include "service/server_metrics.h"
#include "service/service_deps.h"
#include "service/triage_service.h"
#include "service/webhooks_service.h"

namespace kapso::service {

// Members are declared in dependency order, so the gRPC server (declared
// last) is destroyed first, before the services and transport it calls.
class KapsoOpsServer::Impl {
 public:
  absl::Status Init(const ServerOptions& options);
  ~Impl();
  int port() const { return port_; }
  void Shutdown(absl::Duration grace);
  client::StackStats upstream_stats() { return transport_->stats(); }
  ServerMetrics& metrics() { return *metrics_; }

 private:
  // The kapso.ops.v1 services' health follows the upstream's usability; the
  // server's overall status ("") stays SERVING so that orchestrators do not
  // restart or unroute every replica because Kapso is down: calls then get a
  // typed UNAVAILABLE (KAPSO_CIRCUIT_OPEN) instead.
  void SetUpstreamUsable(bool usable);
  // Init's steps, in order.
  absl::Status StartMetrics(const ServerOptions& options);
  absl::Status StartTransport(const ServerOptions& options);
  void MakeServices(const ServerOptions& options);
  absl::Status StartGrpc(const ServerOptions& options);

  std::unique_ptr<ServerMetrics> metrics_;  // declared first: the transport reports to it
  // Parses Kapso's answers off the transport thread; declared before the
  // transport, which may still hand it work while shutting down.
  std::unique_ptr<client::WorkerPool> parser_pool_;
  std::unique_ptr<client::TransportStack> transport_;
  std::unique_ptr<client::KapsoClient> client_;
  std::unique_ptr<SecretRedactor> redactor_;
  std::unique_ptr<PhoneNumberDirectory> phone_numbers_;
  std::unique_ptr<FollowRegistry> follows_;
  ServiceDeps deps_;
  std::unique_ptr<WebhooksService> webhooks_;
  std::unique_ptr<MessageDebugService> message_debug_;
  std::unique_ptr<TriageService> triage_;
  std::unique_ptr<KapsoHealthService> health_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool shut_down_ = false;
  // The server whose health follows the upstream (SetUpstreamUsable, called
  // on the curl loop thread); null once shutting down. A mutex, not an atomic:
  // a caller that read the pointer must be done with it before the server goes.
  absl::Mutex health_mu_;
  grpc::Server* health_server_ ABSL_GUARDED_BY(health_mu_) = nullptr;
  std::atomic<client::TransportStack*> live_transport_{nullptr};
};

// Long-lived follow streams cross the mesh: the server pings an idle
// connection every minute (and drops it after 20 s without an answer), so a
// caller that vanished without a FIN does not hold a stream forever, and it
// accepts callers' own keep-alive pings every 10 s or more, with or without
// calls, instead of answering them with GOAWAY (too_many_pings).
void AddKeepAliveArgs(grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10 * 1000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
}

void KapsoOpsServer::Impl::SetUpstreamUsable(bool usable) {
  absl::MutexLock lock(&health_mu_);
  grpc::Server* server = health_server_;
  if (server == nullptr) return;
  for (const char* name :
       {ops::v1::Webhooks::service_full_name(), ops::v1::MessageDebug::service_full_name(),
        ops::v1::Triage::service_full_name(), ops::v1::Health::service_full_name()}) {
    server->GetHealthCheckService()->SetServingStatus(name, usable);
  }
}

// Teardown in one place, in an order that is safe by construction.
KapsoOpsServer::Impl::~Impl() {
  {
    absl::MutexLock lock(&health_mu_);
    health_server_ = nullptr;
  }
  server_.reset();                                   // no RPC runs past here
  if (metrics_ != nullptr) metrics_->StopServing();  // no scrape reads the transport
  // The curl loop stops while everything it calls back into (decorators,
  // KapsoClient, the parser pool) is alive: every completion and timer has
  // run when it returns. Then the pool finishes the parses it was handed.
  if (transport_ != nullptr) transport_->Shutdown();
  parser_pool_.reset();
}

absl::Status KapsoOpsServer::Impl::Init(const ServerOptions& options) {
  if (absl::Status s = StartMetrics(options); !s.ok()) return s;
  if (absl::Status s = StartTransport(options); !s.ok()) return s;
  MakeServices(options);
  return StartGrpc(options);
}

absl::Status KapsoOpsServer::Impl::StartMetrics(const ServerOptions& options) {
  // A scrape may come before the transport exists: read it through an atomic.
  auto metrics = ServerMetrics::Create(options.metrics_listen, [this] {
    client::TransportStack* transport = live_transport_.load();
    return transport != nullptr ? transport->stats() : client::StackStats();
  });
  if (!metrics.ok()) return metrics.status();
  metrics_ = *std::move(metrics);
  return absl::OkStatus();
}

absl::Status KapsoOpsServer::Impl::StartTransport(const ServerOptions& options) {
  client::TransportStackOptions transport_options;
  transport_options.curl.base_url = options.kapso_base_url;
  transport_options.curl.api_key = options.kapso_api_key;
  transport_options.curl.max_connections = options.max_upstream_connections;
  transport_options.curl.max_body_bytes = options.max_upstream_body_bytes;
  transport_options.max_retry_after = options.max_retry_after;
  transport_options.retry.max_attempts = options.retry_max_attempts;
  transport_options.retry.initial_backoff = options.retry_initial_backoff;
  transport_options.retry.max_backoff = options.retry_max_backoff;
  transport_options.breaker.failure_threshold = options.breaker_failure_threshold;
  transport_options.breaker.cool_down = options.breaker_cool_down;
  transport_options.health_cache_ttl = options.health_cache_ttl;
  transport_options.on_upstream_change = [this](bool usable) { SetUpstreamUsable(usable); };
  transport_options.observer = [metrics = metrics_.get()](const client::HttpRequest& request,
                                                          const auto& outcome,
                                                          absl::Duration took) {
    metrics->RecordUpstream(request, outcome, took);
  };
  auto transport = client::TransportStack::Create(std::move(transport_options));
  if (!transport.ok()) return transport.status();
  transport_ = *std::move(transport);
  live_transport_.store(transport_.get());
  return absl::OkStatus();
}

// The Kapso client over the transport, and what every handler shares.
void KapsoOpsServer::Impl::MakeServices(const ServerOptions& options) {
  parser_pool_ = std::make_unique<client::WorkerPool>(
      std::max(2, static_cast<int>(std::thread::hardware_concurrency())));
  client::KapsoClientOptions client_options;
  client_options.max_json_depth = options.max_json_depth;
  client_options.errors.max_error_text_bytes = options.max_error_text_bytes;
  client_options.errors.max_retry_after = options.max_retry_after;
  client_ = std::make_unique<client::KapsoClient>(
      transport_->transport(), parser_pool_.get(),
      [stack = transport_.get()] { return stack->in_flight() > 0; }, client_options);
  redactor_ = std::make_unique<SecretRedactor>(std::vector<std::string>{options.kapso_api_key});
  phone_numbers_ = std::make_unique<PhoneNumberDirectory>(client_.get());
  FollowOptions follow = options.follow;
  follow.on_change = [metrics = metrics_.get()](int streams, int pollers) {
    metrics->SetFollowCounts(streams, pollers);
  };
  follows_ = std::make_unique<FollowRegistry>(client_.get(), follow);
  deps_ = ServiceDeps{client_.get(), redactor_.get(), phone_numbers_.get(), follows_.get()};
  deps_.allow_caller_api_keys = options.allow_caller_api_keys;
  deps_.overview_count_limit = options.overview_count_limit;
  deps_.max_call_duration = options.max_call_duration;
  deps_.max_upstream_calls_per_rpc = options.max_upstream_calls_per_rpc;
  deps_.read_only = options.read_only;
  webhooks_ = std::make_unique<WebhooksService>(deps_);
  message_debug_ = std::make_unique<MessageDebugService>(deps_);
  triage_ = std::make_unique<TriageService>(deps_);
  health_ = std::make_unique<KapsoHealthService>(deps_);
}

absl::Status KapsoOpsServer::Impl::StartGrpc(const ServerOptions& options) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  InitReflectionV1ServerBuilderPlugin();  // v1 next to v1alpha, and grpc.health.v1
  grpc::ServerBuilder builder;
  // TLS is the mesh's job (mTLS at the sidecar); the server speaks plaintext
  // to its local proxy.
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &port_);
  AddKeepAliveArgs(builder);
  for (grpc::Service* service : std::initializer_list<grpc::Service*>{
           webhooks_.get(), message_debug_.get(), triage_.get(), health_.get()}) {
    builder.RegisterService(service);
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
  factories.push_back(
      std::make_unique<ObservabilityInterceptorFactory>(metrics_.get(), options.access_log));
  builder.experimental().SetInterceptorCreators(std::move(factories));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  {
    absl::MutexLock lock(&health_mu_);
    health_server_ = server_.get();
  }
  SetUpstreamUsable(!transport_->stats().circuit_open);
  return absl::OkStatus();
}

void KapsoOpsServer::Impl::Shutdown(absl::Duration grace) {
  if (shut_down_) return;
  shut_down_ = true;
  {
    absl::MutexLock lock(&health_mu_);
    health_server_ = nullptr;
  }
  server_->GetHealthCheckService()->SetServingStatus(false);
  // Follow streams never end by themselves: end them now, each with its
  // resume token, so the drain below waits only for unary calls.
  follows_->Shutdown();
  // Just before gRPC cancels the calls still running, end their Kapso
  // requests, so each caller gets a typed answer (a write: whether it may
  // have been applied) instead of a bare CANCELLED.
  absl::Notification drained;
  std::thread aborter([&] {
    absl::Duration margin = std::min(grace / 4, absl::Milliseconds(250));
    if (!drained.WaitForNotificationWithTimeout(grace - margin)) transport_->AbortInFlight();
  });
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace));
  drained.Notify();
  aborter.join();
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

client::StackStats KapsoOpsServer::upstream_stats() { return impl_->upstream_stats(); }

int KapsoOpsServer::metrics_port() const { return impl_->metrics().port(); }

std::string KapsoOpsServer::ScrapeMetrics() { return impl_->metrics().Scrape(); }

void KapsoOpsServer::Shutdown(absl::Duration grace) { impl_->Shutdown(grace); }

}  // namespace kapso::service
