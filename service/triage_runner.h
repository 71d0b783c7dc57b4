#ifndef SERVICE_TRIAGE_RUNNER_H_
#define SERVICE_TRIAGE_RUNNER_H_

#include "kapso/ops/v1/triage.pb.h"
#include "service/unary_call.h"

namespace kapso::service {

// Triage.RunTriage after validation: resolves `phone_number` when given,
// then reads the four sources (numbers, messages, webhooks, api)
// concurrently through the call's Kapso client, so the rate-limit gate,
// circuit breaker and the call's upstream budget apply. A source that fails
// becomes a SOURCE_ERROR finding; the call completes OK with whatever the
// others found, ranked. Only a failed resolution fails the call.
void StartTriage(UnaryCall* call, const ops::v1::RunTriageRequest& request,
                 ops::v1::TriageReport* report);

}  // namespace kapso::service

#endif  // SERVICE_TRIAGE_RUNNER_H_
