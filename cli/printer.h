// Where command results go: JSON documents or tables on stdout, errors on
// stderr, in the format --output chose.
#ifndef CLI_PRINTER_H_
#define CLI_PRINTER_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "cli/global_options.h"
#include "google/protobuf/message.h"

namespace kapso::cli {

class Printer {
 public:
  Printer(OutputFormat format, std::ostream& out, std::ostream& err)
      : format_(format), out_(out), err_(err) {}

  OutputFormat format() const { return format_; }
  void set_format(OutputFormat format) { format_ = format; }

  // json: {"ok":true,"data":<message in protobuf JSON>}; table: RenderTable.
  // Fails, printing nothing, when the message cannot be printed as JSON.
  absl::Status Data(const google::protobuf::Message& message);
  // As Data, but tables show `table_text` (a purpose-made report) instead.
  absl::Status Data(const google::protobuf::Message& message, const std::string& table_text);
  // The failure on stderr, as a JSON document or as text.
  void Error(const absl::Status& status);
  // Text printed as is on stderr (a --follow stream's resume token).
  void Note(const std::string& text) {
    err_ << text;
    err_.flush();
  }
  // Text printed as is on stdout (help, completion script).
  void Text(const std::string& text) { out_ << text; }

 private:
  OutputFormat format_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace kapso::cli

#endif  // CLI_PRINTER_H_
