#include "service/triage_request.h"

#include "service/field_checks.h"
#include "service/phone_number_digits.h"

namespace kapso::service {

namespace v1 = ::kapso::ops::v1;

absl::Status ValidateRunTriage(const v1::RunTriageRequest& r) {
  Violations v;
  if (!v1::Period_IsValid(r.period())) {
    v.Add("period", "must be PERIOD_24H, PERIOD_7D or PERIOD_30D");
  }
  if (r.limit() < 0 || r.limit() > 100) v.Add("limit", "must be between 1 and 100 (0 means 100)");
  v.PhoneNumberId("phone_number_id", r.phone_number_id(), false);
  if (!r.phone_number().empty() && !PhoneNumberDigits(r.phone_number()).ok()) {
    v.Add("phone_number", "must be a phone number: 7 to 15 digits, e.g. \"+1 555-010-0001\"");
  }
  if (!r.phone_number().empty() && !r.phone_number_id().empty()) {
    v.Add("phone_number", "give phone_number or phone_number_id, not both");
  }
  return v.Result();
}

TriageScope ScopeOf(const v1::RunTriageRequest& request, absl::Time now) {
  TriageScope scope;
  scope.phone_number_id = request.phone_number_id();
  scope.period = request.period() == v1::PERIOD_UNSPECIFIED ? v1::PERIOD_24H : request.period();
  absl::Duration window = absl::Hours(24);
  if (scope.period == v1::PERIOD_7D) window = absl::Hours(24 * 7);
  if (scope.period == v1::PERIOD_30D) window = absl::Hours(24 * 30);
  scope.since = now - window;
  scope.limit = request.limit() == 0 ? 100 : request.limit();
  return scope;
}

}  // namespace kapso::service
