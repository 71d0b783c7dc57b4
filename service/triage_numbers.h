#ifndef SERVICE_TRIAGE_NUMBERS_H_
#define SERVICE_TRIAGE_NUMBERS_H_

#include <optional>
#include <vector>

#include "kapso/ops/v1/health.pb.h"
#include "kapso/ops/v1/triage.pb.h"

namespace kapso::service {

// The finding for one number's health (read by FetchPhoneNumberHealth),
// or nothing when it is plainly healthy: status "healthy" and no finding
// at all. Severity: a CRITICAL health finding or status "unhealthy" is
// CRITICAL, a WARNING or "degraded" HIGH, a check that failed to run
// ("error") MEDIUM, INFO findings alone INFO. The remediation is the
// reading's first (most important) finding.
std::optional<ops::v1::Finding> NumberHealthFinding(const ops::v1::PhoneNumber& number,
                                                    const ops::v1::PhoneNumberHealth& health);

// Numbers of the project whose display forms have the same digits: a
// number written by people cannot be resolved to one of them
// (ResolvePhoneNumber answers PHONE_NUMBER_AMBIGUOUS), one MEDIUM finding
// per shared display number.
std::vector<ops::v1::Finding> DuplicateDisplayFindings(
    const std::vector<ops::v1::PhoneNumber>& numbers);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_NUMBERS_H_
