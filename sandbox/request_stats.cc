#include "sandbox/request_stats.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"

namespace kapso::sandbox {

void RequestStats::Record(absl::string_view method, absl::string_view path,
                          absl::string_view connection) {
  absl::MutexLock lock(&mu_);
  ++total_;
  ++counts_[Key(std::string(method), std::string(path))];
  if (!connections_.contains(connection)) {
    connections_.insert(std::string(connection));
  }
}

int64_t RequestStats::Count(absl::string_view method, absl::string_view path_prefix) const {
  absl::MutexLock lock(&mu_);
  int64_t sum = 0;
  for (const auto& [key, count] : counts_) {
    if (!method.empty() && !absl::EqualsIgnoreCase(key.first, method)) continue;
    if (absl::StartsWith(key.second, path_prefix)) sum += count;
  }
  return sum;
}

int64_t RequestStats::Total() const {
  absl::MutexLock lock(&mu_);
  return total_;
}

int64_t RequestStats::ConnectionsOpened() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int64_t>(connections_.size());
}

nlohmann::json RequestStats::ToJson() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::pair<Key, int64_t>> rows(counts_.begin(), counts_.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.second, a.first.first) < std::tie(b.first.second, b.first.first);
  });
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& [key, count] : rows) {
    requests.push_back({{"method", key.first}, {"path", key.second}, {"count", count}});
  }
  return {{"total_requests", total_},
          {"connections_opened", static_cast<int64_t>(connections_.size())},
          {"requests", std::move(requests)}};
}

void RequestStats::Reset() {
  absl::MutexLock lock(&mu_);
  total_ = 0;
  counts_.clear();
  connections_.clear();
}

}  // namespace kapso::sandbox
