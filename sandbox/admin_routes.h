// The sandbox's own admin surface (tests only, no API key):
//   POST   /__sandbox/faults   add a fault, answers {"id": N}
//   DELETE /__sandbox/faults   clear every fault
//   GET    /__sandbox/stats    request and connection counts
//   POST   /__sandbox/reset    seed data back, faults and stats cleared
#ifndef SANDBOX_ADMIN_ROUTES_H_
#define SANDBOX_ADMIN_ROUTES_H_

#include <functional>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "sandbox/fault_injector.h"
#include "sandbox/request_stats.h"
#include "sandbox/router.h"

namespace kapso::sandbox {

// A Fault from its JSON form (the field names of struct Fault). Errors: 400.
absl::StatusOr<Fault> FaultFromJson(const nlohmann::json& body);

void AddAdminRoutes(Router& router, FaultInjector& faults, const RequestStats& stats,
                    std::function<void()> reset);

}  // namespace kapso::sandbox

#endif  // SANDBOX_ADMIN_ROUTES_H_
