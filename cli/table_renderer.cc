#include "cli/table_renderer.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/json_text.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace kapso::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Columns worth a glance per list element type; others get their scalars.
const absl::flat_hash_map<std::string, std::vector<std::string>>& Columns() {
  static const auto* const kColumns =
      new absl::flat_hash_map<std::string, std::vector<std::string>>{
          {"kapso.ops.v1.Webhook", {"id", "kind", "active", "url", "events"}},
          {"kapso.ops.v1.Message",
           {"id", "kapso.direction", "kapso.status", "type", "kapso.phone_number", "timestamp"}},
          {"kapso.ops.v1.Conversation",
           {"id", "phone_number", "status", "phone_number_id", "last_active_at"}},
          {"kapso.ops.v1.ApiLog",
           {"created_at", "http_method", "endpoint", "response_status", "response_time_ms",
            "error_message"}},
          {"kapso.ops.v1.WebhookDelivery",
           {"created_at", "event", "status", "response_status", "attempt_count", "webhook_url"}},
          {"kapso.ops.v1.PhoneNumber",
           {"phone_number_id", "name", "display_phone_number", "quality_rating", "status"}},
          {"kapso.ops.v1.DeliveryEvent", {"time", "status", "errors"}},
          {"kapso.ops.v1.MetaError", {"code", "title", "message"}},
          {"kapso.ops.v1.MetaErrorExplanation", {"code", "severity", "title", "remediation"}},
      };
  return *kColumns;
}

bool IsWellKnown(const google::protobuf::Descriptor* d) {
  return absl::StartsWith(d->full_name(), "google.protobuf.");
}

// A per-source google.rpc.Status reads as "UNAVAILABLE: message [REASON]".
std::string RpcStatusText(const Message& m) {
  google::rpc::Status status;
  status.CopyFrom(m);
  std::string text =
      absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.code())), ": ",
                   status.message());
  for (const auto& any : status.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) absl::StrAppend(&text, " [", info.reason(), "]");
  }
  return text;
}

std::string MessageText(const Message& m) {
  if (m.GetDescriptor()->full_name() == "google.rpc.Status") return RpcStatusText(m);
  if (m.GetDescriptor()->full_name() == "kapso.ops.v1.MetaError") {
    return FieldText(m, "code");  // Error codes are what people search for.
  }
  const std::string json = MessageToCompactJson(m);
  absl::string_view text = json;
  if (IsWellKnown(m.GetDescriptor())) {
    absl::ConsumePrefix(&text, "\"");  // Timestamps read better unquoted.
    absl::ConsumeSuffix(&text, "\"");
  }
  return std::string(text);
}

std::string ScalarText(const Message& m, const FieldDescriptor* f, int i) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, i) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, i) : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageText(rep ? r->GetRepeatedMessage(m, f, i) : r->GetMessage(m, f));
    default:
      return "";
  }
}

bool IsSet(const Message& m, const FieldDescriptor* f) {
  const Reflection* r = m.GetReflection();
  return f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
}

std::string ValueText(const Message& m, const FieldDescriptor* f) {
  if (!IsSet(m, f)) return "";
  if (!f->is_repeated()) return ScalarText(m, f, 0);
  std::vector<std::string> parts;
  for (int i = 0; i < m.GetReflection()->FieldSize(m, f); ++i) {
    parts.push_back(ScalarText(m, f, i));
  }
  return absl::StrJoin(parts, ",");
}

std::vector<std::string> DefaultColumns(const google::protobuf::Descriptor* d) {
  std::vector<std::string> columns;
  for (int i = 0; i < d->field_count() && columns.size() < 6; ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || IsWellKnown(f->message_type())) {
      columns.push_back(f->name());
    }
  }
  return columns;
}

std::string RenderList(const Message& m, const FieldDescriptor* f, const std::string& indent) {
  const Reflection* r = m.GetReflection();
  const auto* element = f->message_type();
  std::vector<std::string> columns = DefaultColumns(element);
  if (auto it = Columns().find(element->full_name()); it != Columns().end()) {
    columns = it->second;
  }
  std::vector<std::vector<std::string>> rows = {columns};
  for (std::string& header : rows[0]) {
    header = absl::AsciiStrToUpper(header.substr(header.rfind('.') + 1));
  }
  for (int i = 0; i < r->FieldSize(m, f); ++i) {
    std::vector<std::string>& row = rows.emplace_back();
    for (const std::string& c : columns) {
      row.push_back(FieldText(r->GetRepeatedMessage(m, f, i), c));
    }
  }
  return absl::StrCat(indent, f->name(), " (", rows.size() - 1, "):\n",
                      FormatColumns(rows, indent + "  "));
}

// A Count reads as "60", "100+" (a lower bound) or its error.
std::string CountText(const Message& count) {
  const std::string value = FieldText(count, "value");
  if (std::string error = FieldText(count, "error"); !error.empty()) {
    return absl::StrCat("error: ", error);
  }
  return FieldText(count, "exact") == "true" ? (value.empty() ? "0" : value)
                                             : absl::StrCat(value, "+");
}

void RenderFields(const Message& m, const std::string& indent, std::string* out) {
  const auto* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (!IsSet(m, f)) continue;
    const bool is_message = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (is_message && f->is_repeated() && !f->is_map()) {
      absl::StrAppend(out, RenderList(m, f, indent));
    } else if (is_message && !f->is_repeated() &&
               f->message_type()->full_name() == "kapso.ops.v1.Count") {
      absl::StrAppend(out, indent, f->name(), ": ", CountText(m.GetReflection()->GetMessage(m, f)),
                      "\n");
    } else if (is_message && !f->is_repeated() && !IsWellKnown(f->message_type()) &&
               f->message_type()->full_name() != "google.rpc.Status") {
      absl::StrAppend(out, indent, f->name(), ":\n");
      RenderFields(m.GetReflection()->GetMessage(m, f), indent + "  ", out);
    } else {
      absl::StrAppend(out, indent, f->name(), ": ", ValueText(m, f), "\n");
    }
  }
}

}  // namespace

std::string FieldText(const Message& message, const std::string& path) {
  const Message* m = &message;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(parts[i]);
    if (f == nullptr) return "";
    if (i + 1 == parts.size()) return ValueText(*m, f);
    if (f->is_repeated() || f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
        !m->GetReflection()->HasField(*m, f)) {
      return "";
    }
    m = &m->GetReflection()->GetMessage(*m, f);
  }
  return "";
}

std::string FormatColumns(const std::vector<std::vector<std::string>>& rows,
                          const std::string& indent) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (size_t c = 0; c < row.size(); ++c) {
      absl::StrAppend(&line, row[c]);
      if (c + 1 < row.size()) line.append(widths[c] - row[c].size() + 2, ' ');
    }
    absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(line), "\n");
  }
  return out;
}

std::string RenderTable(const Message& message) {
  std::string out;
  RenderFields(message, "", &out);
  return out.empty() ? "(empty)\n" : out;
}

}  // namespace kapso::cli
