#ifndef KAPSO_CLIENT_OPEN_FIELDS_H_
#define KAPSO_CLIENT_OPEN_FIELDS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace kapso::client {

// Where Kapso's spec is open (an object with any values, raw Meta payloads)
// but kapso.ops.v1 keeps an older typed field for wire compatibility, the
// message has an open twin named `<field>_json` (a Struct, ListValue, Value
// or repeated Struct): e.g. Webhook.headers_json beside the map
// Webhook.headers, KapsoMessageInfo.statuses_json beside statuses.
//
// Given a Kapso JSON answer for `type`, returns it rewritten so that each
// member `<field>` of an object whose message has such a twin is also copied
// to `<field>_json`, and the typed `<field>` keeps only the values its type
// can hold (a header whose value is a number leaves the string map, not the
// whole answer). std::nullopt when nothing reachable from `type` has a twin,
// the body names no twinned member (no second parse then), or the body is
// not JSON (the proto parser then reports it as it is).
std::optional<std::string> RouteOpenFields(absl::string_view json,
                                           const google::protobuf::Descriptor* type);

// Whether `type`, or a message reachable from it, has an open twin.
bool HasOpenTwins(const google::protobuf::Descriptor* type);

// The open twin of `field` in its message, or null.
const google::protobuf::FieldDescriptor* OpenTwin(const google::protobuf::FieldDescriptor* field);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_OPEN_FIELDS_H_
