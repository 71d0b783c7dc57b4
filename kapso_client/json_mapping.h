#ifndef KAPSO_CLIENT_JSON_MAPPING_H_
#define KAPSO_CLIENT_JSON_MAPPING_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "kapso_client/http_types.h"

namespace kapso::client {

// Kapso JSON -> proto with protobuf's own JSON parser. Fields Kapso adds
// later are ignored. A body that does not parse is INTERNAL with reason
// KAPSO_BAD_RESPONSE; the body itself is not echoed (it may hold secrets).
// Most answers take the one-pass reader (fast_json.h); what it declines
// takes the reference path below, with the same result.
absl::Status ParseKapsoJson(absl::string_view json, google::protobuf::Message* out);

// ParseKapsoJson by protobuf's JsonStringToMessage alone, after the open
// fields are routed (open_fields.h): the reference the one-pass reader is
// checked against.
absl::Status ParseKapsoJsonReference(absl::string_view json, google::protobuf::Message* out);

// A response body into `out`, through the response's shared ParsedBody when
// others share the answer too. An empty body leaves `out` as it is.
absl::Status ParseResponse(const HttpResponse& response, google::protobuf::Message* out);

// proto -> JSON with Kapso's (proto) field names; fields left at their
// default are omitted unless `include_defaults`.
absl::StatusOr<std::string> ToKapsoJson(const google::protobuf::Message& message,
                                        bool include_defaults = false);

}  // namespace kapso::client

#endif  // KAPSO_CLIENT_JSON_MAPPING_H_
