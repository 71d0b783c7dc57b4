#include "sandbox/fault_injector.h"

#include <optional>
#include <utility>

#include "absl/strings/match.h"

namespace kapso::sandbox {

int FaultInjector::Add(Fault fault) {
  absl::MutexLock lock(&mu_);
  int id = next_id_++;
  entries_.push_back(Entry{id, std::move(fault)});
  return id;
}

void FaultInjector::Clear() {
  absl::MutexLock lock(&mu_);
  entries_.clear();
}

std::optional<Fault> FaultInjector::Take(absl::string_view method, absl::string_view path) {
  absl::MutexLock lock(&mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    const Fault& fault = it->fault;
    if (!fault.method.empty() && !absl::EqualsIgnoreCase(fault.method, method)) {
      continue;
    }
    if (!absl::StartsWith(path, fault.path_prefix)) continue;
    Fault applied = fault;
    if (it->fault.times > 0 && --it->fault.times == 0) entries_.erase(it);
    return applied;
  }
  return std::nullopt;
}

}  // namespace kapso::sandbox
