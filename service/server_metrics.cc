#include "service/server_metrics.h"

#include <array>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "kapso_client/kapso_endpoints.h"
#include "kapso_client/observed_transport.h"
#include "kapso_client/status_details.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"

namespace kapso::service {
namespace {

// grpc::StatusCode runs from OK (0) to UNAUTHENTICATED (16).
constexpr size_t kStatusCodes = grpc::StatusCode::UNAUTHENTICATED + 1;

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const kBuckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return *kBuckets;
}

// "2xx", "429", "5xx"... for an answer; the reason ("unreachable",
// "timeout", "budget_exhausted"...) for a failure without one.
std::string Outcome(const absl::StatusOr<client::HttpResponse>& outcome) {
  if (outcome.ok()) {
    if (outcome->status == 429) return "429";
    return absl::StrCat(outcome->status / 100, "xx");
  }
  std::string reason = client::ErrorReason(outcome.status());
  return reason.empty() ? "error" : absl::AsciiStrToLower(reason);
}

// Counters and gauges of the upstream stack, read when Prometheus scrapes.
class UpstreamCollectable final : public prometheus::Collectable {
 public:
  explicit UpstreamCollectable(std::function<client::StackStats()> stats)
      : stats_(std::move(stats)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    client::StackStats s = stats_();
    std::vector<prometheus::MetricFamily> families;
    auto add = [&](const char* name, const char* help, prometheus::MetricType type, double value) {
      prometheus::MetricFamily family{name, help, type, {}};
      prometheus::ClientMetric metric;
      if (type == prometheus::MetricType::Counter)
        metric.counter.value = value;
      else
        metric.gauge.value = value;
      family.metric.push_back(metric);
      families.push_back(std::move(family));
    };
    using T = prometheus::MetricType;
    add("kapso_ops_upstream_retries_total", "Retries of idempotent Kapso calls", T::Counter,
        s.retries);
    add("kapso_ops_upstream_coalesced_total", "Calls answered by an identical call in flight",
        T::Counter, s.coalesced);
    add("kapso_ops_upstream_health_cache_hits_total", "Health checks served from the cache",
        T::Counter, s.cache_hits);
    add("kapso_ops_upstream_budget_refusals_total",
        "Calls refused because Kapso's rate limit was spent", T::Counter, s.budget_refusals);
    add("kapso_ops_upstream_circuit_refusals_total", "Calls refused while the circuit was open",
        T::Counter, s.circuit_refusals);
    add("kapso_ops_upstream_connections_opened_total", "Connections opened to Kapso", T::Counter,
        s.curl.connections_opened);
    add("kapso_ops_upstream_in_flight", "Kapso calls in flight", T::Gauge, s.curl.in_flight);
    add("kapso_ops_upstream_circuit_open", "1 while the circuit to Kapso is open", T::Gauge,
        s.circuit_open ? 1 : 0);
    return families;
  }

 private:
  std::function<client::StackStats()> stats_;
};

// Series of one family found once and kept, by label key: Family::Add
// builds a label map, hashes it and locks the family on every call, while a
// series, once added, lives as long as its family. A node map keeps each
// entry's address stable as it grows.
template <typename Series>
class KeptSeries {
 public:
  // The entry of `key` once `ready(entry)`; the first caller to find it not
  // ready runs `complete(entry)` under the writer lock.
  template <typename Ready, typename Complete>
  Series& Get(absl::string_view key, Ready ready, Complete complete) ABSL_LOCKS_EXCLUDED(mu_) {
    {
      absl::ReaderMutexLock read(&mu_);
      auto it = map_.find(key);
      if (it != map_.end() && ready(it->second)) return it->second;
    }
    absl::MutexLock lock(&mu_);
    Series& series = map_[std::string(key)];
    if (!ready(series)) complete(series);
    return series;
  }

 private:
  absl::Mutex mu_;
  absl::node_hash_map<std::string, Series> map_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

class ServerMetrics::Families {
 public:
  explicit Families(prometheus::Registry& registry)
      : rpc_requests(prometheus::BuildCounter()
                         .Name("kapso_ops_rpc_requests_total")
                         .Help("RPCs served, by method and gRPC code")
                         .Register(registry)),
        rpc_duration(prometheus::BuildHistogram()
                         .Name("kapso_ops_rpc_duration_seconds")
                         .Help("RPC latency as the server sees it")
                         .Register(registry)),
        upstream_requests(prometheus::BuildCounter()
                              .Name("kapso_ops_upstream_requests_total")
                              .Help("Requests sent to Kapso, by endpoint and outcome")
                              .Register(registry)),
        upstream_duration(prometheus::BuildHistogram()
                              .Name("kapso_ops_upstream_duration_seconds")
                              .Help("Kapso request latency")
                              .Register(registry)),
        follow_streams(prometheus::BuildGauge()
                           .Name("kapso_ops_follow_streams")
                           .Help("Follow (live tail) streams open")
                           .Register(registry)
                           .Add({})),
        follow_pollers(prometheus::BuildGauge()
                           .Name("kapso_ops_follow_pollers")
                           .Help("Shared upstream pollers of the follow streams")
                           .Register(registry)
                           .Add({})) {}

  // The series of one RPC method, kept (KeptSeries).
  struct MethodSeries {
    prometheus::Histogram* duration = nullptr;
    std::array<prometheus::Counter*, kStatusCodes> by_code{};
  };
  MethodSeries* Series(absl::string_view method, grpc::StatusCode code);

  // The series of one upstream label set, kept the same way.
  struct UpstreamSeries {
    prometheus::Counter* requests = nullptr;
    prometheus::Histogram* duration = nullptr;
  };
  const UpstreamSeries& Upstream(const std::string& method, const std::string& endpoint,
                                 const std::string& outcome);

  prometheus::Family<prometheus::Counter>& rpc_requests;
  prometheus::Family<prometheus::Histogram>& rpc_duration;
  prometheus::Family<prometheus::Counter>& upstream_requests;
  prometheus::Family<prometheus::Histogram>& upstream_duration;
  prometheus::Gauge& follow_streams;
  prometheus::Gauge& follow_pollers;

 private:
  KeptSeries<MethodSeries> methods_;
  // Keyed by "method endpoint outcome"; endpoints are templates, so few.
  KeptSeries<UpstreamSeries> upstream_;
};

const ServerMetrics::Families::UpstreamSeries& ServerMetrics::Families::Upstream(
    const std::string& method, const std::string& endpoint, const std::string& outcome) {
  return upstream_.Get(
      absl::StrCat(method, " ", endpoint, " ", outcome),
      [](const UpstreamSeries& series) { return series.requests != nullptr; },
      [&](UpstreamSeries& series) {
        series.requests = &upstream_requests.Add(
            {{"http_method", method}, {"endpoint", endpoint}, {"outcome", outcome}});
        series.duration = &upstream_duration.Add({{"http_method", method}, {"endpoint", endpoint}},
                                                 LatencyBuckets());
      });
}

ServerMetrics::Families::MethodSeries* ServerMetrics::Families::Series(absl::string_view method,
                                                                       grpc::StatusCode code) {
  const size_t c = static_cast<size_t>(code);
  return &methods_.Get(
      method, [c](const MethodSeries& series) { return series.by_code[c] != nullptr; },
      [&](MethodSeries& series) {
        std::string label(method);
        if (series.duration == nullptr) {
          series.duration = &rpc_duration.Add({{"method", label}}, LatencyBuckets());
        }
        series.by_code[c] = &rpc_requests.Add(
            {{"method", label},
             {"code", absl::StatusCodeToString(static_cast<absl::StatusCode>(code))}});
      });
}

ServerMetrics::ServerMetrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      families_(std::make_unique<Families>(*registry_)) {}

ServerMetrics::~ServerMetrics() = default;

absl::StatusOr<std::unique_ptr<ServerMetrics>> ServerMetrics::Create(
    const std::string& listen, std::function<client::StackStats()> upstream_stats) {
  std::unique_ptr<ServerMetrics> metrics(new ServerMetrics());
  metrics->upstream_collectable_ = std::make_shared<UpstreamCollectable>(std::move(upstream_stats));
  if (listen.empty()) return metrics;
  try {  // prometheus-cpp reports a port it cannot bind by throwing
    metrics->exposer_ = std::make_unique<prometheus::Exposer>(listen, 1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", listen, ": ", e.what()));
  }
  metrics->exposer_->RegisterCollectable(metrics->registry_);
  metrics->exposer_->RegisterCollectable(metrics->upstream_collectable_);
  return metrics;
}

int ServerMetrics::port() const {
  if (exposer_ == nullptr) return 0;
  auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void ServerMetrics::RecordRpc(absl::string_view method, grpc::StatusCode code,
                              absl::Duration elapsed) {
  if (static_cast<unsigned>(code) >= kStatusCodes) code = grpc::StatusCode::UNKNOWN;
  Families::MethodSeries* series = families_->Series(method, code);
  series->by_code[static_cast<size_t>(code)]->Increment();
  series->duration->Observe(absl::ToDoubleSeconds(elapsed));
}

void ServerMetrics::RecordUpstream(const client::HttpRequest& request,
                                   const absl::StatusOr<client::HttpResponse>& outcome,
                                   absl::Duration elapsed) {
  const Families::UpstreamSeries& series =
      families_->Upstream(std::string(client::HttpMethodName(request.method)),
                          client::EndpointTemplate(request.path), Outcome(outcome));
  series.requests->Increment();
  series.duration->Observe(absl::ToDoubleSeconds(elapsed));
}

void ServerMetrics::SetFollowCounts(int streams, int pollers) {
  families_->follow_streams.Set(streams);
  families_->follow_pollers.Set(pollers);
}

void ServerMetrics::StopServing() { exposer_.reset(); }

std::string ServerMetrics::Scrape() {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (auto& family : upstream_collectable_->Collect()) families.push_back(std::move(family));
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace kapso::service
