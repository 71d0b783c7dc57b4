#include "cli/printer.h"

#include "cli/error_renderer.h"
#include "cli/json_text.h"
#include "cli/table_renderer.h"

namespace kapso::cli {

absl::Status Printer::Data(const google::protobuf::Message& message) {
  return Data(message, format_ == OutputFormat::kTable ? RenderTable(message) : "");
}

absl::Status Printer::Data(const google::protobuf::Message& message,
                           const std::string& table_text) {
  if (format_ == OutputFormat::kTable) {
    out_ << table_text;
  } else {
    // An answer protobuf cannot print (e.g. a time outside 0001-9999) is an
    // error, never {"ok":true,"data":null}.
    absl::StatusOr<std::string> json = CheckedMessageToJson(message);
    if (!json.ok()) return json.status();
    out_ << R"({"ok":true,"data":)" << *json << "}\n";
  }
  out_.flush();
  return absl::OkStatus();
}

void Printer::Error(const absl::Status& status) {
  err_ << (format_ == OutputFormat::kJson ? RenderErrorJson(status) : RenderErrorText(status));
  err_.flush();
}

}  // namespace kapso::cli
