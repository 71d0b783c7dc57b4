#ifndef KAPSO_CLIENT_PARSED_BODY_H_
#define KAPSO_CLIENT_PARSED_BODY_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/message.h"

namespace kapso::client {

// One answer's body, parsed at most once: every caller sharing the answer
// (coalesced callers, cache hits) gets a copy of the same parsed message
// (copying a message costs a small fraction of parsing its JSON again).
class ParsedBody {
 public:
  // Fills `out` from the body, parsing it only on the first call for this
  // message type.
  absl::Status CopyTo(absl::string_view body, google::protobuf::Message* out);

 private:
  absl::Mutex mu_;
  std::unique_ptr<google::protobuf::Message> parsed_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_PARSED_BODY_H_
