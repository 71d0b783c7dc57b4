#include "kapso_client/json_mapping.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "kapso_client/fast_json.h"
#include "kapso_client/json_depth.h"
#include "kapso_client/open_fields.h"
#include "kapso_client/parsed_body.h"
#include "kapso_client/status_details.h"

namespace kapso::client {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The path of the first google.protobuf.Timestamp in `message` outside the
// range protobuf can print (0001-01-01 to 9999-12-31): the JSON parser
// accepts offsets that push a time past it ("0001-01-01T00:00:00+01:00"),
// and such a message cannot be printed as JSON by any client. "" if none.
std::string OutOfRangeTimestamp(const Message& message) {
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) continue;
    int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const Message& value = field->is_repeated()
                                 ? reflection->GetRepeatedMessage(message, field, i)
                                 : reflection->GetMessage(message, field);
      if (value.GetDescriptor() == google::protobuf::Timestamp::descriptor()) {
        const auto& time = static_cast<const google::protobuf::Timestamp&>(value);
        if (time.seconds() < google::protobuf::util::TimeUtil::kTimestampMinSeconds ||
            time.seconds() > google::protobuf::util::TimeUtil::kTimestampMaxSeconds) {
          return field->name();
        }
        continue;
      }
      std::string inner = OutOfRangeTimestamp(value);
      if (!inner.empty()) return absl::StrCat(field->name(), ".", inner);
    }
  }
  return "";
}

// OK, or KAPSO_BAD_RESPONSE naming the first out-of-range timestamp.
absl::Status CheckTimestamps(const google::protobuf::Message& out) {
  if (std::string field = OutOfRangeTimestamp(out); !field.empty()) {
    return MakeError(absl::StatusCode::kInternal,
                     absl::StrCat("Kapso sent a time outside 0001-01-01..9999-12-31 in ", field),
                     "KAPSO_BAD_RESPONSE", {{"field", field}});
  }
  return absl::OkStatus();
}

// A body that is not JSON kapso-ops can read as `out`.
absl::Status Unreadable(const google::protobuf::Message& out) {
  return MakeError(
      absl::StatusCode::kInternal,
      absl::StrCat("Kapso sent a response kapso-ops cannot read as ", out.GetDescriptor()->name()),
      "KAPSO_BAD_RESPONSE");
}

}  // namespace

absl::Status ParseKapsoJson(absl::string_view json, google::protobuf::Message* out) {
  // The one-pass reader takes only years 0002..9998, which no UTC offset
  // can push out of range: its messages need no CheckTimestamps walk.
  if (FastJsonToMessage(json, out)) return absl::OkStatus();
  out->Clear();
  return ParseKapsoJsonReference(json, out);
}

absl::Status ParseKapsoJsonReference(absl::string_view json, google::protobuf::Message* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (JsonHasRawControlInString(json)) return Unreadable(*out);
  // Open members (Webhook.headers, raw Meta statuses) also go to their
  // *_json twins; see open_fields.h.
  std::optional<std::string> routed = RouteOpenFields(json, out->GetDescriptor());
  if (routed.has_value()) json = *routed;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), out, options);
  if (!status.ok()) return Unreadable(*out);
  return CheckTimestamps(*out);
}

absl::Status ParseResponse(const HttpResponse& response, google::protobuf::Message* out) {
  if (response.body.empty()) return absl::OkStatus();
  // Nobody else holds this answer (no coalesced waiter, no cache): parse
  // straight into `out`; a shared parse would only add a copy.
  if (!response.SharedWithOthers()) return ParseKapsoJson(response.body, out);
  return response.parsed->CopyTo(response.body, out);
}

absl::StatusOr<std::string> ToKapsoJson(const google::protobuf::Message& message,
                                        bool include_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = include_defaults;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  return json;
}

}  // namespace kapso::client
