// What the sandbox has been asked: requests per method and path, and how many
// client connections opened (benchmarks check keep-alive with it).
#ifndef SANDBOX_REQUEST_STATS_H_
#define SANDBOX_REQUEST_STATS_H_

#include <cstdint>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace kapso::sandbox {

class RequestStats {
 public:
  // Counts one request. `connection` names the client socket
  // ("addr:port"); each new one counts as a connection opened.
  void Record(absl::string_view method, absl::string_view path, absl::string_view connection);

  // Requests whose method equals `method` (empty: any) and whose path starts
  // with `path_prefix`.
  int64_t Count(absl::string_view method, absl::string_view path_prefix) const;
  int64_t Total() const;
  int64_t ConnectionsOpened() const;

  // {"total_requests", "connections_opened", "requests": [{method, path,
  // count}]}, requests sorted by path then method.
  nlohmann::json ToJson() const;

  void Reset();

 private:
  using Key = std::pair<std::string, std::string>;  // method, path

  mutable absl::Mutex mu_;
  int64_t total_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<Key, int64_t> counts_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> connections_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_REQUEST_STATS_H_
