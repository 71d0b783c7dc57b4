// Phone numbers (page-based) and their health (not wrapped in "data"):
//   GET /platform/v1/whatsapp/phone_numbers[/{phone_number_id}]
//   GET /platform/v1/whatsapp/phone_numbers/{phone_number_id}/health
#ifndef SANDBOX_PHONE_NUMBER_ROUTES_H_
#define SANDBOX_PHONE_NUMBER_ROUTES_H_

#include "sandbox/health_rate_limit.h"
#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddPhoneNumberRoutes(Router& router, SandboxStore& store, HealthRateLimit& health_limit);

}  // namespace kapso::sandbox

#endif  // SANDBOX_PHONE_NUMBER_ROUTES_H_
