#ifndef KAPSO_CLIENT_UPSTREAM_TEXT_H_
#define KAPSO_CLIENT_UPSTREAM_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace kapso::client {

// Text that came from Kapso (an error message) made safe to put into a
// status message, a log line or a terminal: at most `max_bytes` of it (cut
// on a UTF-8 boundary, then "…(truncated)"), control characters (including
// ESC, so no terminal escape sequence survives) replaced by a space, and
// bytes that are not UTF-8 replaced by U+FFFD.
std::string SanitizeUpstreamText(absl::string_view text, size_t max_bytes);

// Whether `value` may travel as an HTTP header value or gRPC metadata value
// untouched: 1 to `max_bytes` visible ASCII characters (0x21-0x7E), so no
// CR/LF injection, no NUL, nothing gRPC core refuses.
bool IsHeaderToken(absl::string_view value, size_t max_bytes);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_UPSTREAM_TEXT_H_
