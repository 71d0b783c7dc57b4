// Webhook endpoints, under both collections:
//   /platform/v1/whatsapp/phone_numbers/{phone_number_id}/webhooks[/{id}]
//   /platform/v1/whatsapp/webhooks[/{id}]   (the project's, sees every webhook)
//   POST /platform/v1/whatsapp/webhooks/{id}/test
#ifndef SANDBOX_WEBHOOK_ROUTES_H_
#define SANDBOX_WEBHOOK_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddWebhookRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // SANDBOX_WEBHOOK_ROUTES_H_
