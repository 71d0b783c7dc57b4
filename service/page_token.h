#ifndef SERVICE_PAGE_TOKEN_H_
#define SERVICE_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "kapso_client/page_request.h"

namespace kapso::service {

// Opaque page tokens (AIP-158). A token carries Kapso's cursor or page
// number and a fingerprint of the request's filters (every field but
// page_token and page_size); replaying it with other filters is
// INVALID_ARGUMENT (reason INVALID_PAGE_TOKEN). The fingerprint is a stable
// hash, so any replica accepts another's tokens.

// Where to read, given a list request whose fields `page_token` and
// `page_size` follow AIP-158. A page size of 0 means 20.
absl::StatusOr<client::PageRequest> DecodePageToken(const google::protobuf::Message& request,
                                                    absl::string_view token, int page_size);

// A stable hash of the request's type and filters: every field but
// page_token, page_size and resume_token. Shared with follow resume tokens.
uint64_t FilterFingerprint(const google::protobuf::Message& request);

// The token of the page at `cursor` (cursor lists) or `page` (page lists).
std::string EncodePageToken(const google::protobuf::Message& request, absl::string_view cursor,
                            int page);

// The token of `next`: its cursor when it has one, else its page number.
std::string EncodePageToken(const google::protobuf::Message& request,
                            const client::PageRequest& next);

}  // namespace kapso::service

#endif  // SERVICE_PAGE_TOKEN_H_
