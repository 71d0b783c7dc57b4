#ifndef SERVICE_SERVER_METRICS_H_
#define SERVICE_SERVER_METRICS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"
#include "kapso_client/http_types.h"
#include "kapso_client/transport_stack.h"

namespace prometheus {
class Collectable;
class Exposer;
class Registry;
}  // namespace prometheus

namespace kapso::service {

// The server's Prometheus metrics (prometheus-cpp), served as text on
// http://<listen>/metrics when a listen address is given:
//   kapso_ops_rpc_requests_total{method, code}         counter
//   kapso_ops_rpc_duration_seconds{method}             histogram
//   kapso_ops_upstream_requests_total{http_method, endpoint, outcome}  counter
//   kapso_ops_upstream_duration_seconds{http_method, endpoint}         histogram
//   kapso_ops_upstream_{retries,coalesced,health_cache_hits,budget_refusals,
//     circuit_refusals,connections_opened}_total, kapso_ops_upstream_in_flight,
//   kapso_ops_upstream_circuit_open                     read at scrape time
//   kapso_ops_follow_streams, kapso_ops_follow_pollers  gauges (live tails)
class ServerMetrics {
 public:
  static absl::StatusOr<std::unique_ptr<ServerMetrics>> Create(
      const std::string& listen, std::function<client::StackStats()> upstream_stats);
  ~ServerMetrics();

  // The bound HTTP port (0 without an endpoint).
  int port() const;

  void RecordRpc(absl::string_view method, grpc::StatusCode code, absl::Duration elapsed);
  void RecordUpstream(const client::HttpRequest& request,
                      const absl::StatusOr<client::HttpResponse>& outcome, absl::Duration elapsed);

  // Follow streams open and the upstream pollers they share.
  void SetFollowCounts(int streams, int pollers);

  // Stops the HTTP endpoint (before what its collectors read goes away).
  void StopServing();

  // Every metric in Prometheus' text format.
  std::string Scrape();

  class Families;

 private:
  ServerMetrics();

  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<Families> families_;
  std::shared_ptr<prometheus::Collectable> upstream_collectable_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace kapso::service

#endif  // SERVICE_SERVER_METRICS_H_
