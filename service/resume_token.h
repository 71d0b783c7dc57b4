#ifndef SERVICE_RESUME_TOKEN_H_
#define SERVICE_RESUME_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "service/follow_watermark.h"

namespace kapso::service {

// Opaque follow resume tokens: a watermark plus the fingerprint of the
// request's filters (page_token.h's, the RPC included), so a token replayed
// with other filters is INVALID_ARGUMENT (INVALID_RESUME_TOKEN), and any
// replica accepts another's tokens (nothing in it is local state).

std::string EncodeResumeToken(const google::protobuf::Message& request,
                              const FollowWatermark& watermark);

// The watermark of `token`, issued for `request`'s filters.
absl::StatusOr<FollowWatermark> DecodeResumeToken(const google::protobuf::Message& request,
                                                  absl::string_view token);

}  // namespace kapso::service

#endif  // SERVICE_RESUME_TOKEN_H_
