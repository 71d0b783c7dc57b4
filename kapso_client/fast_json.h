#ifndef KAPSO_CLIENT_FAST_JSON_H_
#define KAPSO_CLIENT_FAST_JSON_H_

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace kapso::client {

// A one-pass JSON -> proto reader for the answers kapso-ops reads on every
// call. ParseKapsoJson's reference path (RouteOpenFields, then protobuf
// 3.21's JsonStringToMessage with unknown fields ignored) resolves the
// message's types afresh on every call, parses to binary and parses that
// again: most of a GetMessage's CPU. This reader walks the body once,
// setting fields through reflection, open twins included (open_fields.h).
//
// It knows a strict subset exactly: plain JSON; string, bool, integer and
// double fields; messages, repeated fields, string-keyed maps; Timestamp,
// Struct, ListValue and Value. Anything else (an escaped member name, a
// duplicate member, a number that protobuf would convert or refuse, an enum,
// bytes, invalid UTF-8, nesting deeper than 64, any syntax error) makes it
// decline: it returns false, `out` is left in an unspecified state, and the
// caller must clear it and use the reference path, which then decides,
// errors included. When it returns true, `out` equals what the reference
// path gives (fast_json_test.cc checks this on every envelope, the corpus
// and mutated bodies).
bool FastJsonToMessage(absl::string_view json, google::protobuf::Message* out);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_FAST_JSON_H_
