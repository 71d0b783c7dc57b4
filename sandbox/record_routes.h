// POST /__sandbox/records: add a record at run time (errors appearing over
// time, a second number with the same display number, ...).
#ifndef SANDBOX_RECORD_ROUTES_H_
#define SANDBOX_RECORD_ROUTES_H_

#include "sandbox/router.h"
#include "sandbox/sandbox_store.h"

namespace kapso::sandbox {

// {"collection": "messages"|"api_logs"|"webhook_deliveries"|"phone_numbers",
//  "record": {...Kapso's JSON...}, "health": {...} (phone numbers only)}
// -> {"ok": true}; a bad body is 400.
void AddRecordRoutes(Router& router, SandboxStore& store);

}  // namespace kapso::sandbox

#endif  // SANDBOX_RECORD_ROUTES_H_
