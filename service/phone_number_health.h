#ifndef SERVICE_PHONE_NUMBER_HEALTH_H_
#define SERVICE_PHONE_NUMBER_HEALTH_H_

#include <string>

#include "kapso/ops/v1/health.pb.h"
#include "kapso_client/kapso_client.h"

namespace kapso::service {

// One number's health from Kapso, read the way the runbook reads it
// (AddHealthFindings) and with the age of kapso-ops' cached copy. Shared by
// Health.CheckPhoneNumberHealth and Triage.RunTriage so both give the same
// reading. `done` runs on whichever thread the answer arrives on.
void FetchPhoneNumberHealth(client::KapsoClient* client, const client::RequestContext& context,
                            const std::string& phone_number_id,
                            client::Done<ops::v1::PhoneNumberHealth> done);

}  // namespace kapso::service

#endif  // SERVICE_PHONE_NUMBER_HEALTH_H_
