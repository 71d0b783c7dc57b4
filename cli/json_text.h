// Protobuf-JSON helpers shared by the JSON output and the table renderer.
#ifndef CLI_JSON_TEXT_H_
#define CLI_JSON_TEXT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace kapso::cli {

// `message` in protobuf's JSON form on one line, with proto field names
// (snake_case, as Kapso's own API and the original scripts print them) and
// default-valued scalars included so scripts can rely on every key.
std::string MessageToJson(const google::protobuf::Message& message);

// Same, but an error where protobuf cannot print the message.
absl::StatusOr<std::string> CheckedMessageToJson(const google::protobuf::Message& message);

// Same, but leaves out default values (for compact table cells).
std::string MessageToCompactJson(const google::protobuf::Message& message);

}  // namespace kapso::cli

#endif  // CLI_JSON_TEXT_H_
