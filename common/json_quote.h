#ifndef COMMON_JSON_QUOTE_H_
#define COMMON_JSON_QUOTE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace kapso {

// `text` as a JSON string literal, for JSON written by hand on hot or
// start-up paths (the server's access log line, the CLI's error object),
// where a protobuf Struct round trip would cost more than the rest. Control
// characters are escaped; bytes that are not valid UTF-8 become U+FFFD, so
// the result is always valid JSON.
std::string JsonQuote(absl::string_view text);

}  // namespace kapso

#endif  // COMMON_JSON_QUOTE_H_
