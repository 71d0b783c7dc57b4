#ifndef SERVICE_TRIAGE_REQUEST_H_
#define SERVICE_TRIAGE_REQUEST_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kapso/ops/v1/triage.pb.h"

namespace kapso::service {

// Triage.RunTriage's request checks: period, limit 0-100, a numeric
// phone_number_id, a phone_number that is one (7-15 digits), not both.
absl::Status ValidateRunTriage(const ops::v1::RunTriageRequest& request);

// What one triage reads: a number (or the whole project when empty), the
// window and how many items per log source.
struct TriageScope {
  std::string phone_number_id;
  ops::v1::Period period = ops::v1::PERIOD_24H;
  absl::Time since;  // the window's start
  int limit = 100;
};

// The scope of a validated request at `now` (phone_number not resolved).
TriageScope ScopeOf(const ops::v1::RunTriageRequest& request, absl::Time now);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_REQUEST_H_
