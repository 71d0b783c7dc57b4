#include "cli/json_text.h"

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace kapso::cli {
namespace {

std::string ToJson(const google::protobuf::Message& message, bool defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = defaults;
  std::string json;
  // Only fails for Any of an unknown type; show that rather than nothing.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    return "null";
  }
  return json;
}

}  // namespace

std::string MessageToJson(const google::protobuf::Message& message) {
  return ToJson(message, /*defaults=*/true);
}

std::string MessageToCompactJson(const google::protobuf::Message& message) {
  return ToJson(message, /*defaults=*/false);
}

std::string JsonQuote(absl::string_view text) {
  google::protobuf::Value value;
  value.set_string_value(std::string(text));
  return ToJson(value, false);
}

}  // namespace kapso::cli
