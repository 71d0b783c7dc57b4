// A stateful simulator of the Kapso Platform API on loopback.
//
//   absl::StatusOr<std::unique_ptr<SandboxServer>> sandbox =
//       SandboxServer::Start(SandboxOptions{});   // port 0: any free port
//   ... point a client at (*sandbox)->base_url() with X-API-Key: sandbox-key
//   Fault fault;
//   fault.path_prefix = "/platform/v1/whatsapp/messages";
//   fault.status = 503;
//   (*sandbox)->AddFault(fault);   // the next GET/POST/... there answers 503
//
// Serves /platform/v1/... as Kapso does (contract/kapso-api/), seeded with
// the fixed data of docs/contracts.md, plus the /__sandbox/... admin API. The
// fault/stats/reset methods here are the same operations as that API.
#ifndef SANDBOX_SANDBOX_SERVER_H_
#define SANDBOX_SANDBOX_SERVER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "sandbox/fault_injector.h"
#include "sandbox/sandbox_options.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace kapso::sandbox {

class SandboxService;

class SandboxServer {
 public:
  // Binds and starts serving; connections are accepted once this returns.
  static absl::StatusOr<std::unique_ptr<SandboxServer>> Start(const SandboxOptions& options);

  ~SandboxServer();  // Stops.
  SandboxServer(const SandboxServer&) = delete;
  SandboxServer& operator=(const SandboxServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" (the bound host, or loopback for a wildcard).
  std::string base_url() const;

  // Stops accepting, closes connections and joins the workers. Idempotent.
  void Stop();

  // The next `fault.times` requests matching it get its answer. Returns the
  // fault's id.
  int AddFault(const Fault& fault);
  void ClearFaults();

  // Requests under /platform/v1 (admin calls are not counted) with `method`
  // (empty: any) and a path starting with `path_prefix`.
  int64_t RequestCount(absl::string_view method, absl::string_view path_prefix) const;
  int64_t TotalRequests() const;
  // Distinct client connections (remote addr:port) seen since the last reset.
  int64_t ConnectionsOpened() const;

  // Seed data back; faults, stats and rate-limit windows cleared.
  void Reset();

  // Adds a record as Kapso would have just made it (SandboxStore::AddRecord).
  absl::Status AddRecord(const std::string& collection, const nlohmann::json& record,
                         const nlohmann::json& health = nullptr);

 private:
  explicit SandboxServer(const SandboxOptions& options);
  absl::Status Listen(const SandboxOptions& options);

  std::string host_;
  int port_ = 0;
  std::unique_ptr<SandboxService> service_;
  std::unique_ptr<httplib::Server> http_;
  std::thread listener_;
  int listen_fd_ = -1;  // set by httplib's socket callback during bind
  std::atomic<bool> listener_done_{false};
  absl::Mutex stop_mu_;
  bool stopped_ ABSL_GUARDED_BY(stop_mu_) = false;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_SANDBOX_SERVER_H_
