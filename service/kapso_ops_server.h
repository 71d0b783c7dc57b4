#ifndef SERVICE_KAPSO_OPS_SERVER_H_
#define SERVICE_KAPSO_OPS_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kapso_client/transport_stack.h"
#include "service/follow_options.h"

namespace kapso::service {

struct ServerOptions {
  // host:port to listen on; port 0 picks a free one (see port()).
  std::string listen = "0.0.0.0:50051";
  // Scheme and host of the Kapso API (no /platform/v1).
  std::string kapso_base_url;
  // The Kapso API key. Never logged; removed from any error text.
  std::string kapso_api_key;
  // Most connections kept open to Kapso.
  int max_upstream_connections = 32;
  bool allow_caller_api_keys = false;
  int overview_count_limit = 1000;
  absl::Duration max_call_duration = absl::Seconds(30);
  // Resilience (kapso_client/transport_stack.h).
  int retry_max_attempts = 4;
  absl::Duration retry_initial_backoff = absl::Milliseconds(100);
  absl::Duration retry_max_backoff = absl::Seconds(5);
  int breaker_failure_threshold = 5;
  absl::Duration breaker_cool_down = absl::Seconds(10);
  absl::Duration health_cache_ttl = absl::Seconds(60);
  // host:port of the Prometheus /metrics endpoint; empty: none.
  std::string metrics_listen;
  // One JSON line per RPC on stderr.
  bool access_log = false;
  // Limits on what Kapso may send back and on what one RPC may cost
  // (README "Limits").
  size_t max_upstream_body_bytes = 8 << 20;
  int max_json_depth = 64;
  size_t max_error_text_bytes = 512;
  absl::Duration max_retry_after = absl::Minutes(5);
  int max_upstream_calls_per_rpc = 64;
  // Refuse every RPC that would change something in Kapso.
  bool read_only = false;
  // Live tails (Triage.Follow*); `follow.on_change` is set by the server.
  FollowOptions follow;
};

// The kapso-ops gRPC server: the four kapso.ops.v1 services, grpc.health.v1
// and server reflection, on the gRPC callback API over the libcurl multi
// transport. Used by the server binary and, in-process, by the tests.
class KapsoOpsServer {
 public:
  static absl::StatusOr<std::unique_ptr<KapsoOpsServer>> Start(const ServerOptions& options);
  ~KapsoOpsServer();

  // The port actually bound.
  int port() const;

  // Counters of the upstream transport (retries, coalesced calls, ...).
  client::StackStats upstream_stats();

  // The /metrics port (0 without one) and the metrics in text format.
  int metrics_port() const;
  std::string ScrapeMetrics();

  // Graceful stop: health turns NOT_SERVING, new calls are refused, calls in
  // flight get up to `grace` to finish, then are cancelled. Idempotent.
  void Shutdown(absl::Duration grace);

  class Impl;

 private:
  explicit KapsoOpsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kapso::service

#endif  // SERVICE_KAPSO_OPS_SERVER_H_
