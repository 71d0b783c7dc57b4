// The readable form of a phone number health check (`health --output table`).
#ifndef CLI_HEALTH_REPORT_H_
#define CLI_HEALTH_REPORT_H_

#include <string>

#include "kapso/ops/v1/health.pb.h"

namespace kapso::cli {

// Overall status first; then the findings exactly in the server's order
// (triage order: access, token, messaging, webhook); then the failing checks,
// ordered by their first finding; then the most actionable entity, and the
// names of the checks that passed.
std::string RenderHealthReport(const std::string& phone_number_id,
                               const kapso::ops::v1::PhoneNumberHealth& health);

}  // namespace kapso::cli

#endif  // CLI_HEALTH_REPORT_H_
