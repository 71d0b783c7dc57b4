#ifndef KAPSO_CLIENT_DESCRIPTOR_MEMO_H_
#define KAPSO_CLIENT_DESCRIPTOR_MEMO_H_

#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/descriptor.h"

namespace kapso::client {

// What `build` derives from a message type, built once per type for the
// process. A thread's first look-up of a type takes the reader lock; its
// later ones take none. The first build runs under the writer lock: walking
// a type is what first resolves protobuf's lazily built descriptors
// (libprotobuf orders that with once-flags of its own, which TSan cannot see
// through), so building under this lock orders every reader after the one
// walk. A node map keeps the answers' addresses stable as it grows. Held in
// a leaked static, so it outlives every thread that reads it.
template <typename T>
class DescriptorMemo {
 public:
  using Build = void (*)(const google::protobuf::Descriptor* type, T& out);

  explicit DescriptorMemo(Build build) : build_(build) {}

  const T& Get(const google::protobuf::Descriptor* type) ABSL_LOCKS_EXCLUDED(mu_) {
    // Each thread also keeps the answers it was given: the one-pass reader
    // asks for every object it reads, and a reader lock each time cost more
    // than the look-up. An answer never moves or dies (see above), and the
    // thread got it under mu_, which orders the build before its reads.
    thread_local absl::flat_hash_map<std::pair<const void*, const void*>, const T*> seen;
    auto [mine, added] = seen.try_emplace({this, type}, nullptr);
    if (added) mine->second = &Shared(type);
    return *mine->second;
  }

 private:
  const T& Shared(const google::protobuf::Descriptor* type) ABSL_LOCKS_EXCLUDED(mu_) {
    {
      absl::ReaderMutexLock read(&mu_);
      if (auto it = cache_.find(type); it != cache_.end()) return it->second;
    }
    absl::MutexLock lock(&mu_);
    auto [it, inserted] = cache_.try_emplace(type);
    if (inserted) build_(type, it->second);
    return it->second;
  }

  const Build build_;
  absl::Mutex mu_;
  absl::node_hash_map<const google::protobuf::Descriptor*, T> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_DESCRIPTOR_MEMO_H_
