#include "sandbox/sandbox_service.h"

#include <optional>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "sandbox/admin_routes.h"
#include "sandbox/api_error.h"
#include "sandbox/http_json.h"
#include "sandbox/live_routes.h"
#include "sandbox/log_routes.h"
#include "sandbox/message_routes.h"
#include "sandbox/phone_number_routes.h"
#include "sandbox/record_routes.h"
#include "sandbox/webhook_routes.h"

namespace kapso::sandbox {
namespace {

constexpr char kAdminPrefix[] = "/__sandbox/";

void SetRateHeaders(const RateDecision& decision, httplib::Response& res) {
  res.set_header("X-RateLimit-Limit", std::to_string(decision.limit));
  res.set_header("X-RateLimit-Remaining", std::to_string(decision.remaining));
}

uint64_t RandomSeed() {
  absl::BitGen bitgen;
  return absl::Uniform<uint64_t>(bitgen);
}

}  // namespace

SandboxService::SandboxService(const SandboxOptions& options)
    : api_key_(options.api_key),
      store_(absl::Now()),
      rate_limit_(options.rate_limit_per_minute, absl::Minutes(1)),
      health_limit_(options.health_rate_limit),
      request_id_seed_(RandomSeed()) {
  AddWebhookRoutes(api_routes_, store_);
  AddMessageRoutes(api_routes_, store_);
  AddLogRoutes(api_routes_, store_);
  AddPhoneNumberRoutes(api_routes_, store_, health_limit_);
  AddAdminRoutes(admin_routes_, faults_, stats_, [this] { Reset(); });
  AddRecordRoutes(admin_routes_, store_);
  AddLiveRoutes(admin_routes_, store_);
}

void SandboxService::Reset() {
  store_.Reset(absl::Now());
  faults_.Clear();
  stats_.Reset();
  rate_limit_.Reset();
  health_limit_.Reset();
}

std::string SandboxService::NextRequestId() {
  // UUID-shaped like Rails' X-Request-Id: a per-run random part and a counter.
  uint64_t n = request_counter_.fetch_add(1, std::memory_order_relaxed) + 1;
  return absl::StrFormat("%08x-%04x-4%03x-8%03x-%012x", request_id_seed_ >> 32,
                         (request_id_seed_ >> 16) & 0xffff, (request_id_seed_ >> 4) & 0xfff,
                         request_id_seed_ & 0xfff, n & 0xffffffffffffULL);
}

void SandboxService::Handle(const httplib::Request& req, httplib::Response& res) {
  res.set_header("X-Request-Id", NextRequestId());
  if (absl::StartsWith(req.path, kAdminPrefix)) {
    if (!admin_routes_.Dispatch(req, res)) {
      WriteError(res, ApiError(404, "Not found"));
    }
    return;
  }
  stats_.Record(req.method, req.path, absl::StrCat(req.remote_addr, ":", req.remote_port));
  if (ApplyFault(req, res)) return;
  HandleApi(req, res);
}

bool SandboxService::ApplyFault(const httplib::Request& req, httplib::Response& res) {
  std::optional<Fault> fault = faults_.Take(req.method, req.path);
  if (!fault.has_value()) return false;
  // Sleeping holds only this connection's worker thread.
  if (fault->delay_ms > 0) absl::SleepFor(absl::Milliseconds(fault->delay_ms));
  if (fault->status == 0 && fault->body.empty()) return false;
  SetRateHeaders(rate_limit_.Peek(absl::Now()), res);
  res.status = fault->status == 0 ? 200 : fault->status;
  res.body = fault->body;
  if (res.body.empty() && res.status >= 400) {
    res.body = absl::StrCat("{\"error\":\"Injected fault (HTTP ", res.status, ")\"}");
  }
  if (fault->headers.count("Content-Type") == 0) {
    res.set_header("Content-Type", "application/json; charset=utf-8");
  }
  for (const auto& [name, value] : fault->headers) res.set_header(name, value);
  return true;
}

void SandboxService::HandleApi(const httplib::Request& req, httplib::Response& res) {
  absl::Time now = absl::Now();
  if (req.get_header_value("X-API-Key") != api_key_) {
    SetRateHeaders(rate_limit_.Peek(now), res);
    WriteError(res,
               ApiError(401, req.has_header("X-API-Key") ? "Invalid API key" : "Missing API key"));
    return;
  }
  RateDecision decision = rate_limit_.Take(now);
  SetRateHeaders(decision, res);
  if (!decision.allowed) {
    res.set_header("Retry-After", "60");
    WriteError(res, ApiError(429, "Rate limit exceeded"));
    return;
  }
  if (!api_routes_.Dispatch(req, res)) {
    WriteError(res, ApiError(404, "Not found"));
  }
}

}  // namespace kapso::sandbox
