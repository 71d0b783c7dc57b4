// kapso_ops_server: the kapso-ops gRPC service.
//
// Configuration comes from flags with environment fallbacks using the
// original toolkit's names: KAPSO_API_BASE_URL and KAPSO_API_KEY (or a
// mounted key file). SIGTERM or SIGINT stops it gracefully.

#include <signal.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/port_file.h"
#include "common/stop_signals.h"
#include "service/kapso_ops_server.h"

ABSL_FLAG(std::string, listen, "0.0.0.0:50051", "host:port to serve gRPC on (port 0: any)");
ABSL_FLAG(std::string, kapso_api_base_url, "",
          "Kapso API host, e.g. https://api.kapso.ai (default: $KAPSO_API_BASE_URL)");
ABSL_FLAG(std::string, kapso_api_key_file, "",
          "file holding the Kapso API key (default: $KAPSO_API_KEY)");
ABSL_FLAG(int, max_upstream_connections, 32, "most connections kept open to Kapso");
ABSL_FLAG(bool, allow_caller_api_keys, false,
          "accept a per-call Kapso key in the x-kapso-api-key metadata");
ABSL_FLAG(int, overview_count_limit, 1000,
          "most items GetProjectOverview counts per figure before reporting a lower bound");
ABSL_FLAG(absl::Duration, max_call_duration, absl::Seconds(30),
          "deadline applied to calls that set none (or a longer one)");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "how long calls in flight may run after SIGTERM");
ABSL_FLAG(int, retry_max_attempts, 4, "tries of an idempotent upstream call, the first included");
ABSL_FLAG(absl::Duration, retry_initial_backoff, absl::Milliseconds(100),
          "back-off ceiling before the first retry (doubles each retry, full jitter)");
ABSL_FLAG(absl::Duration, retry_max_backoff, absl::Seconds(5), "largest back-off ceiling");
ABSL_FLAG(int, breaker_failure_threshold, 5, "consecutive upstream failures that open the circuit");
ABSL_FLAG(absl::Duration, breaker_cool_down, absl::Seconds(10),
          "how long an open circuit fails fast before probing Kapso again");
ABSL_FLAG(absl::Duration, health_cache_ttl, absl::Seconds(60),
          "how long a phone number health result is reused (0: never)");
ABSL_FLAG(std::string, metrics_listen, "0.0.0.0:9464",
          "host:port of the Prometheus /metrics endpoint (empty: none)");
ABSL_FLAG(bool, access_log, true, "one JSON line per RPC on stderr");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once serving");
ABSL_FLAG(int64_t, max_upstream_body_bytes, 8 << 20,
          "largest Kapso answer body read; a larger one aborts its transfer");
ABSL_FLAG(int, max_json_depth, 64, "deepest JSON nesting read from Kapso");
ABSL_FLAG(int64_t, max_error_text_bytes, 512,
          "most bytes of Kapso's error text copied into a status message");
ABSL_FLAG(absl::Duration, max_retry_after, absl::Minutes(5),
          "longest a Kapso Retry-After may block calls");
ABSL_FLAG(int, max_upstream_calls_per_rpc, 64,
          "most Kapso requests one RPC may make (paging included)");
ABSL_FLAG(bool, read_only, false, "refuse every RPC that would change something in Kapso");
ABSL_FLAG(absl::Duration, follow_poll_interval, absl::Seconds(2),
          "live tails: one Kapso poll per interval per (API key, RPC, filters)");
ABSL_FLAG(int, follow_buffer_items, 1000,
          "live tails: items a slow stream may lag before it ends (RESOURCE_EXHAUSTED)");
ABSL_FLAG(int, max_follow_streams, 10000, "live tails: streams open at once");
ABSL_FLAG(absl::Duration, follow_max_outage, absl::Minutes(1),
          "live tails: how long polls may fail before the streams end (UNAVAILABLE)");
ABSL_FLAG(absl::Duration, follow_heartbeat, absl::Seconds(30),
          "live tails: an empty response after this long without one");

namespace {

std::string FromEnv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

absl::StatusOr<std::string> ApiKey() {
  std::string path = absl::GetFlag(FLAGS_kapso_api_key_file);
  if (path.empty()) return FromEnv("KAPSO_API_KEY");
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read --kapso_api_key_file ", path));
  std::stringstream contents;
  contents << file.rdbuf();
  return std::string(absl::StripAsciiWhitespace(contents.str()));
}

void SetResilienceFlags(kapso::service::ServerOptions& options) {
  options.retry_max_attempts = absl::GetFlag(FLAGS_retry_max_attempts);
  options.retry_initial_backoff = absl::GetFlag(FLAGS_retry_initial_backoff);
  options.retry_max_backoff = absl::GetFlag(FLAGS_retry_max_backoff);
  options.breaker_failure_threshold = absl::GetFlag(FLAGS_breaker_failure_threshold);
  options.breaker_cool_down = absl::GetFlag(FLAGS_breaker_cool_down);
  options.health_cache_ttl = absl::GetFlag(FLAGS_health_cache_ttl);
}

void SetLimitFlags(kapso::service::ServerOptions& options) {
  options.max_upstream_body_bytes =
      static_cast<size_t>(std::max<int64_t>(1, absl::GetFlag(FLAGS_max_upstream_body_bytes)));
  options.max_json_depth = std::max(1, absl::GetFlag(FLAGS_max_json_depth));
  options.max_error_text_bytes =
      static_cast<size_t>(std::max<int64_t>(16, absl::GetFlag(FLAGS_max_error_text_bytes)));
  options.max_retry_after = absl::GetFlag(FLAGS_max_retry_after);
  options.max_upstream_calls_per_rpc = std::max(1, absl::GetFlag(FLAGS_max_upstream_calls_per_rpc));
}

void SetFollowFlags(kapso::service::ServerOptions& options) {
  kapso::service::FollowOptions& follow = options.follow;
  follow.poll_interval =
      std::max(absl::Milliseconds(100), absl::GetFlag(FLAGS_follow_poll_interval));
  follow.buffer_items = static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_follow_buffer_items)));
  follow.max_streams = std::max(0, absl::GetFlag(FLAGS_max_follow_streams));
  follow.max_outage = absl::GetFlag(FLAGS_follow_max_outage);
  follow.heartbeat = std::max(absl::Seconds(1), absl::GetFlag(FLAGS_follow_heartbeat));
  follow.max_upstream_calls_per_read = options.max_upstream_calls_per_rpc;
}

// Flags (with the original toolkit's environment fallbacks) as options; a
// missing upstream or key is an error.
absl::StatusOr<kapso::service::ServerOptions> OptionsFromFlags() {
  kapso::service::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.kapso_base_url = absl::GetFlag(FLAGS_kapso_api_base_url);
  if (options.kapso_base_url.empty()) options.kapso_base_url = FromEnv("KAPSO_API_BASE_URL");
  absl::StatusOr<std::string> key = ApiKey();
  if (!key.ok()) return key.status();
  if (key->empty() || options.kapso_base_url.empty()) {
    return absl::InvalidArgumentError("missing value");
  }
  options.kapso_api_key = *key;
  options.max_upstream_connections = absl::GetFlag(FLAGS_max_upstream_connections);
  options.allow_caller_api_keys = absl::GetFlag(FLAGS_allow_caller_api_keys);
  options.overview_count_limit = absl::GetFlag(FLAGS_overview_count_limit);
  options.max_call_duration = absl::GetFlag(FLAGS_max_call_duration);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.access_log = absl::GetFlag(FLAGS_access_log);
  options.read_only = absl::GetFlag(FLAGS_read_only);
  SetResilienceFlags(options);
  SetLimitFlags(options);
  SetFollowFlags(options);
  return options;
}

void PrintAddresses(const kapso::service::ServerOptions& options,
                    kapso::service::KapsoOpsServer& server) {
  std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "kapso-ops listening on " << host << ":" << server.port() << std::endl;
  if (server.metrics_port() != 0) {
    std::string metrics = options.metrics_listen;
    std::cout << "kapso-ops metrics on http://" << metrics.substr(0, metrics.rfind(':')) << ":"
              << server.metrics_port() << "/metrics" << std::endl;
  }
}

// Waits for SIGTERM/SIGINT, then drains for the grace period and exits.
[[noreturn]] void ServeUntilStopped(const kapso::StopSignals& stop_signals,
                                    kapso::service::KapsoOpsServer& server) {
  int signal_number = stop_signals.Wait();
  std::cout << "kapso-ops: signal " << signal_number << ", draining" << std::endl;
  absl::Duration grace = absl::GetFlag(FLAGS_shutdown_grace);
  // Whatever still runs after the grace (a call stuck past its cancel) must
  // not keep the process: an orchestrator waits grace + a little, then kills.
  std::thread([grace] {
    absl::SleepFor(grace + absl::Milliseconds(500));
    std::fputs("kapso-ops: grace period over, exiting with calls still running\n", stderr);
    std::_Exit(0);
  }).detach();
  server.Shutdown(grace);
  std::cout << "kapso-ops: stopped" << std::endl;
  // Every call has finished; tearing down the rest (the metrics endpoint's
  // web server alone takes ~2 s to join its threads) would only delay exit.
  std::fflush(nullptr);
  std::_Exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("kapso-ops gRPC server: typed RPCs over the Kapso Platform API");
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil checks every mutex for lock-order cycles; a release
  // server pays for that on each lock and never acts on it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Blocked before any thread starts; ServeUntilStopped waits for them.
  const kapso::StopSignals stop_signals;

  absl::StatusOr<kapso::service::ServerOptions> options = OptionsFromFlags();
  if (!options.ok()) {
    std::cerr << "kapso-ops: set KAPSO_API_BASE_URL and KAPSO_API_KEY (or the flags): "
              << options.status().message() << "\n";
    return 2;
  }
  auto server = kapso::service::KapsoOpsServer::Start(*options);
  if (!server.ok()) {
    std::cerr << "kapso-ops: " << server.status().message() << "\n";
    return 1;
  }
  PrintAddresses(*options, **server);
  if (std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    if (absl::Status written = kapso::WritePortFile(path, (*server)->port()); !written.ok()) {
      std::cerr << "kapso-ops: " << written.message() << "\n";
      return 1;
    }
  }
  ServeUntilStopped(stop_signals, **server);
}
