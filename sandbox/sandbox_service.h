// The sandbox's request pipeline, independent of the socket layer:
// request id -> stats -> scripted faults -> API key -> rate limit -> route.
// Admin paths (/__sandbox/...) skip everything but the request id.
#ifndef SANDBOX_SANDBOX_SERVICE_H_
#define SANDBOX_SANDBOX_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <string>

#include <httplib.h>

#include "sandbox/fault_injector.h"
#include "sandbox/health_rate_limit.h"
#include "sandbox/rate_limiter.h"
#include "sandbox/request_stats.h"
#include "sandbox/router.h"
#include "sandbox/sandbox_options.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

class SandboxService {
 public:
  explicit SandboxService(const SandboxOptions& options);

  SandboxService(const SandboxService&) = delete;
  SandboxService& operator=(const SandboxService&) = delete;

  // Answers one request; safe to call from many threads at once.
  void Handle(const httplib::Request& req, httplib::Response& res);

  FaultInjector& faults() { return faults_; }
  const RequestStats& stats() const { return stats_; }
  SandboxStore& store() { return store_; }

  // Seed data back, faults and stats cleared, rate-limit windows restarted.
  void Reset();

 private:
  // Answers from a matching fault; false when the real answer should follow
  // (no fault, or a delay-only one).
  bool ApplyFault(const httplib::Request& req, httplib::Response& res);
  void HandleApi(const httplib::Request& req, httplib::Response& res);
  std::string NextRequestId();

  const std::string api_key_;
  SandboxStore store_;
  FaultInjector faults_;
  RequestStats stats_;
  FixedWindowLimiter rate_limit_;
  HealthRateLimit health_limit_;
  Router api_routes_;
  Router admin_routes_;
  const uint64_t request_id_seed_;  // random, so ids differ across runs
  std::atomic<uint64_t> request_counter_{0};
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_SANDBOX_SERVICE_H_
