#include "sandbox/health_rate_limit.h"

#include <string>

#include "sandbox/api_error.h"

namespace kapso::sandbox {
namespace {

void SetHeaders(httplib::Response& res, int second_remaining, int minute_remaining) {
  res.set_header("X-Health-RateLimit-Second-Limit", std::to_string(HealthRateLimit::kPerSecond));
  res.set_header("X-Health-RateLimit-Second-Remaining", std::to_string(second_remaining));
  res.set_header("X-Health-RateLimit-Minute-Limit", std::to_string(HealthRateLimit::kPerMinute));
  res.set_header("X-Health-RateLimit-Minute-Remaining", std::to_string(minute_remaining));
}

}  // namespace

absl::Status HealthRateLimit::Admit(absl::Time now, httplib::Response& res) {
  if (!enforce_) {
    SetHeaders(res, kPerSecond, kPerMinute);
    return absl::OkStatus();
  }
  RateDecision second = per_second_.Take(now);
  RateDecision minute = second.allowed ? per_minute_.Take(now) : per_minute_.Peek(now);
  SetHeaders(res, second.remaining, minute.remaining);
  if (second.allowed && minute.allowed) return absl::OkStatus();
  int retry_after = second.allowed ? minute.retry_after_seconds : second.retry_after_seconds;
  res.set_header("Retry-After", std::to_string(retry_after));
  return ApiErrorWithMessage(429, "Rate limit exceeded",
                             "WhatsApp health checks are limited to 5 requests per second and 60 "
                             "requests per minute per project.");
}

void HealthRateLimit::Reset() {
  per_second_.Reset();
  per_minute_.Reset();
}

}  // namespace kapso::sandbox
