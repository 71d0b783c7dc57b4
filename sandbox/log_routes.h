// API logs and webhook deliveries (cursor-paged, read-only, `period`-scoped):
//   GET /platform/v1/api_logs
//   GET /platform/v1/webhook_deliveries
#ifndef SANDBOX_LOG_ROUTES_H_
#define SANDBOX_LOG_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddLogRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // SANDBOX_LOG_ROUTES_H_
