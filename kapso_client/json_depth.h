#ifndef KAPSO_CLIENT_JSON_DEPTH_H_
#define KAPSO_CLIENT_JSON_DEPTH_H_

#include "absl/strings/string_view.h"

namespace kapso::client {

// Whether no array or object in `json` is nested deeper than `max_depth`
// levels. One linear pass over the bytes that understands strings, so it
// costs far less than the parse it guards: protobuf's JSON parser (3.21)
// takes time super-linear in the nesting of google.protobuf.Struct/Value
// fields, and 40 KB of "[[[[..." would hold a thread for a minute. Text that
// is not JSON passes; the parser rejects it.
bool JsonDepthWithin(absl::string_view json, int max_depth);

// Whether a string in `json` holds a raw control character (U+0000 to
// U+001F unescaped), which JSON forbids. Protobuf 3.21's parser accepts
// them where nlohmann (open_fields.h) does not, so such a body would be read
// two ways; the parser's caller refuses it instead.
bool JsonHasRawControlInString(absl::string_view json);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_JSON_DEPTH_H_
