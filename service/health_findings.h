#ifndef SERVICE_HEALTH_FINDINGS_H_
#define SERVICE_HEALTH_FINDINGS_H_

#include "kapso/ops/v1/health.pb.h"

namespace kapso::service {

// Reads a phone number health report the way the operations runbook does and
// fills health.findings (most important first) and
// health.most_actionable_entity. Order: did the check run (status error,
// retry_after), phone_number_access, phone_number_connection,
// token_validity, messaging_health (BLOCKED critical, LIMITED degraded;
// Meta error 141000 means contact support), webhook_verified,
// webhook_subscription, test_message, then any other failed check and the
// number's quality rating and review status.
void AddHealthFindings(ops::v1::PhoneNumberHealth& health);

// For LIMITED or BLOCKED messaging, the entity most worth acting on: a
// BLOCKED one with errors, else a LIMITED one with additional_info, else any
// non-BUSINESS entity, else a BUSINESS one. False when there is none.
bool MostActionableEntity(const ops::v1::HealthCheck& messaging_health,
                          ops::v1::MessagingEntity* entity);

}  // namespace kapso::service

#endif  // SERVICE_HEALTH_FINDINGS_H_
