#include "sandbox/sandbox_server.h"

#include <sys/socket.h>

#include <httplib.h>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sandbox/sandbox_service.h"

namespace kapso::sandbox {
namespace {

// Benchmarks keep hundreds of connections open for their whole run.
constexpr size_t kKeepAliveMaxRequests = 1u << 30;
constexpr time_t kKeepAliveIdleSeconds = 30;

}  // namespace

SandboxServer::SandboxServer(const SandboxOptions& options)
    : host_(options.host),
      service_(std::make_unique<SandboxService>(options)),
      http_(std::make_unique<httplib::Server>()) {}

absl::StatusOr<std::unique_ptr<SandboxServer>> SandboxServer::Start(const SandboxOptions& options) {
  if (options.threads < 1) return absl::InvalidArgumentError("threads < 1");
  auto server = absl::WrapUnique(new SandboxServer(options));
  absl::Status listening = server->Listen(options);
  if (!listening.ok()) return listening;
  return server;
}

absl::Status SandboxServer::Listen(const SandboxOptions& options) {
  int threads = options.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_keep_alive_max_count(kKeepAliveMaxRequests);
  http_->set_keep_alive_timeout(kKeepAliveIdleSeconds);
  http_->set_tcp_nodelay(true);  // accepted sockets inherit it on Linux
  // Replaces httplib's SO_REUSEPORT default, so two sandboxes never share a
  // port, and remembers the listening socket (see the listen() below).
  http_->set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (listen_fd_ < 0) listen_fd_ = sock;
  });
  SandboxService* service = service_.get();
  auto handler = [service](const httplib::Request& req, httplib::Response& res) {
    service->Handle(req, res);
  };
  http_->Get(".*", handler).Post(".*", handler).Patch(".*", handler);
  http_->Delete(".*", handler).Put(".*", handler);
  port_ = options.port == 0                          ? http_->bind_to_any_port(host_)
          : http_->bind_to_port(host_, options.port) ? options.port
                                                     : -1;
  if (port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot bind ", host_, ":", options.port));
  }
  // httplib listens with a backlog of 5, which drops SYNs when a benchmark
  // opens hundreds of connections at once; listen() again raises it.
  if (listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  listener_ = std::thread([this] {
    http_->listen_after_bind();
    listener_done_ = true;
  });
  // Stop() is a no-op until httplib marks itself running.
  while (!http_->is_running() && !listener_done_) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  return absl::OkStatus();
}

SandboxServer::~SandboxServer() { Stop(); }

void SandboxServer::Stop() {
  absl::MutexLock lock(&stop_mu_);
  if (stopped_) return;
  stopped_ = true;
  if (http_ != nullptr) http_->stop();
  if (listener_.joinable()) listener_.join();
}

std::string SandboxServer::base_url() const {
  bool wildcard = host_.empty() || host_ == "0.0.0.0" || host_ == "::";
  return absl::StrCat("http://", wildcard ? "127.0.0.1" : host_, ":", port_);
}

int SandboxServer::AddFault(const Fault& fault) { return service_->faults().Add(fault); }

void SandboxServer::ClearFaults() { service_->faults().Clear(); }

int64_t SandboxServer::RequestCount(absl::string_view method, absl::string_view path_prefix) const {
  return service_->stats().Count(method, path_prefix);
}

int64_t SandboxServer::TotalRequests() const { return service_->stats().Total(); }

int64_t SandboxServer::ConnectionsOpened() const { return service_->stats().ConnectionsOpened(); }

void SandboxServer::Reset() { service_->Reset(); }

absl::Status SandboxServer::AddRecord(const std::string& collection, const nlohmann::json& record,
                                      const nlohmann::json& health) {
  return service_->store().AddRecord(collection, record, health);
}

}  // namespace kapso::sandbox
