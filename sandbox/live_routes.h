// New items appearing over time, for the live tails (Triage.Follow*):
//   POST /__sandbox/append {"collection": "api_logs" | "webhook_deliveries" |
//     "failed_messages", "count": 1-1000 (default 1), "response_status":
//     api log status (default 500), "status": delivery status (default
//     "failed")}  ->  {"ids": [...]}, oldest first.
// Each new item's created_at (a message's timestamp) is now, and never
// earlier than the newest item already there: Kapso's lists only grow at
// the top. Reset (POST /__sandbox/reset) removes them.
#ifndef SANDBOX_LIVE_ROUTES_H_
#define SANDBOX_LIVE_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

void AddLiveRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // SANDBOX_LIVE_ROUTES_H_
