#include "cli/printer.h"

#include "cli/error_renderer.h"
#include "cli/json_text.h"
#include "cli/table_renderer.h"

namespace kapso::cli {

void Printer::Data(const google::protobuf::Message& message) {
  Data(message, format_ == OutputFormat::kTable ? RenderTable(message) : "");
}

void Printer::Data(const google::protobuf::Message& message,
                   const std::string& table_text) {
  if (format_ == OutputFormat::kTable) {
    out_ << table_text;
  } else {
    out_ << R"({"ok":true,"data":)" << MessageToJson(message) << "}\n";
  }
  out_.flush();
}

void Printer::Error(const absl::Status& status) {
  err_ << (format_ == OutputFormat::kJson ? RenderErrorJson(status)
                                          : RenderErrorText(status));
  err_.flush();
}

}  // namespace kapso::cli
