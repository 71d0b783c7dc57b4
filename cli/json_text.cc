#include "cli/json_text.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace kapso::cli {
namespace {

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message, bool defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = defaults;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("the server's answer cannot be printed as JSON: ",
                                            status.message().as_string()));
  }
  return json;
}

}  // namespace

absl::StatusOr<std::string> CheckedMessageToJson(const google::protobuf::Message& message) {
  return ToJson(message, /*defaults=*/true);
}

// Where a value fails to print (an Any of an unknown type, a time outside
// 0001-9999) "null" shows it rather than nothing.
std::string MessageToJson(const google::protobuf::Message& message) {
  return ToJson(message, /*defaults=*/true).value_or("null");
}

std::string MessageToCompactJson(const google::protobuf::Message& message) {
  return ToJson(message, /*defaults=*/false).value_or("null");
}

}  // namespace kapso::cli
