// Scripted failures for tests: "the next N requests to this path answer 503".
#ifndef SANDBOX_FAULT_INJECTOR_H_
#define SANDBOX_FAULT_INJECTOR_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace kapso::sandbox {

// One scripted answer. Faults are tried in the order they were added; the
// first one that matches and has uses left is applied and used up.
struct Fault {
  std::string method;                          // "GET", ...; empty matches every method
  std::string path_prefix;                     // matched against the path without the query
  int status = 0;                              // 0: the real answer (after delay_ms)
  std::string body;                            // sent verbatim, so it may be malformed JSON
  std::map<std::string, std::string> headers;  // e.g. {"Retry-After", "1"}
  int delay_ms = 0;                            // wait before answering; other requests go on
  int times = 1;                               // how many requests it applies to; -1: all
};

class FaultInjector {
 public:
  // Returns the fault's id (1, 2, ...).
  int Add(Fault fault);
  void Clear();

  // The fault to apply to this request, consuming one of its uses.
  std::optional<Fault> Take(absl::string_view method, absl::string_view path);

 private:
  struct Entry {
    int id;
    Fault fault;
  };

  absl::Mutex mu_;
  int next_id_ ABSL_GUARDED_BY(mu_) = 1;
  std::vector<Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_FAULT_INJECTOR_H_
