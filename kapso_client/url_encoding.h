#ifndef KAPSO_CLIENT_URL_ENCODING_H_
#define KAPSO_CLIENT_URL_ENCODING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kapso::client {

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string PercentEncode(absl::string_view text);

// An id made safe to stand as one URL path segment: percent-encoded, so "/"
// cannot start a new segment; "", "." and ".." are rejected because a server
// would treat them as directory steps ("../../api_logs" cannot reach another
// endpoint).
absl::StatusOr<std::string> PathSegment(absl::string_view field, absl::string_view id);

// "a=1&b=x%20y" from raw pairs.
std::string EncodeQuery(const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_URL_ENCODING_H_
