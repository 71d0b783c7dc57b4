// API logs and webhook deliveries (cursor-paged, read-only, `period`-scoped):
//   GET /platform/v1/api_logs
//   GET /platform/v1/webhook_deliveries
#ifndef KAPSO_SANDBOX_LOG_ROUTES_H_
#define KAPSO_SANDBOX_LOG_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddLogRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // KAPSO_SANDBOX_LOG_ROUTES_H_
