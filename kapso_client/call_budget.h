#ifndef KAPSO_CLIENT_CALL_BUDGET_H_
#define KAPSO_CLIENT_CALL_BUDGET_H_

#include <atomic>
#include <cstdint>

namespace kapso::client {

// How many upstream calls one RPC may still make. Paging loops follow
// cursors Kapso hands out; a cursor that never ends (or a broken upstream)
// must not turn one RPC into thousands of requests. Shared by every
// upstream call an RPC fans out to; thread-safe.
class CallBudget {
 public:
  explicit CallBudget(int64_t calls) : remaining_(calls) {}

  // Takes one call; false once the budget is spent.
  bool Take() { return remaining_.fetch_sub(1, std::memory_order_relaxed) > 0; }

 private:
  std::atomic<int64_t> remaining_;
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_CALL_BUDGET_H_
