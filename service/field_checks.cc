#include "service/field_checks.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

// Webhook events Kapso delivers (whatsapp.config.created: payload v1 only).
const absl::flat_hash_set<absl::string_view>& KnownEvents() {
  static const auto* const kEvents =
      new absl::flat_hash_set<absl::string_view>{"whatsapp.message.received",
                                                 "whatsapp.message.sent",
                                                 "whatsapp.message.delivered",
                                                 "whatsapp.message.read",
                                                 "whatsapp.message.failed",
                                                 "whatsapp.conversation.created",
                                                 "whatsapp.conversation.ended",
                                                 "whatsapp.conversation.inactive",
                                                 "whatsapp.phone_number.created",
                                                 "whatsapp.phone_number.deleted",
                                                 "workflow.execution.handoff",
                                                 "workflow.execution.failed",
                                                 "project.event",
                                                 "whatsapp.config.created"};
  return *kEvents;
}

bool AllOf(absl::string_view value, bool (*allowed)(unsigned char)) {
  for (unsigned char c : value) {
    if (!allowed(c)) return false;
  }
  return true;
}

bool IsIdChar(unsigned char c) { return absl::ascii_isalnum(c) || c == '-' || c == '_'; }
bool IsDigit(unsigned char c) { return absl::ascii_isdigit(c); }
bool IsVisible(unsigned char c) { return c > 0x20 && c < 0x7f; }
bool IsTokenChar(unsigned char c) {
  return absl::ascii_isalnum(c) ||
         absl::string_view("!#$%&'*+-.^_`|~").find(c) != absl::string_view::npos;
}

}  // namespace

void Violations::Add(absl::string_view field, absl::string_view description) {
  violations_.emplace_back(std::string(field), std::string(description));
}

absl::Status Violations::Result() {
  if (violations_.empty()) return absl::OkStatus();
  return client::InvalidArgument(std::move(violations_));
}

void Violations::Required(absl::string_view field, absl::string_view value) {
  if (value.empty()) Add(field, "is required");
}

void Violations::PhoneNumberId(absl::string_view field, absl::string_view value, bool required) {
  if (value.empty()) {
    if (required) Add(field, "is required");
  } else if (value.size() > 32 || !AllOf(value, IsDigit)) {
    Add(field, "must be Meta's numeric phone number id");
  }
}

void Violations::ResourceId(absl::string_view field, absl::string_view value, bool required) {
  if (value.empty()) {
    if (required) Add(field, "is required");
  } else if (value.size() > 64 || !AllOf(value, IsIdChar)) {
    Add(field, "must be an id of letters, digits, '-' and '_' (at most 64)");
  }
}

void Violations::Uuid(absl::string_view field, absl::string_view value, bool required) {
  if (value.empty()) {
    if (required) Add(field, "is required");
    return;
  }
  bool ok = value.size() == 36;
  for (size_t i = 0; ok && i < value.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    ok = dash ? value[i] == '-' : absl::ascii_isxdigit(static_cast<unsigned char>(value[i]));
  }
  if (!ok) Add(field, "must be a UUID such as 0a000000-0000-4000-8000-000000000001");
}

void Violations::MessageId(absl::string_view field, absl::string_view value) {
  if (value.empty()) {
    Add(field, "is required");
  } else if (value.size() > 256 || !AllOf(value, IsVisible) || value == "." || value == "..") {
    Add(field, "must be a WhatsApp message id (wamid....)");
  }
}

void Violations::E164(absl::string_view field, absl::string_view value) {
  absl::string_view digits = value;
  bool ok = absl::ConsumePrefix(&digits, "+") && digits.size() >= 7 && digits.size() <= 15 &&
            AllOf(digits, IsDigit) && digits[0] != '0';
  if (!ok) Add(field, "must be an E.164 phone number such as +15551234567");
}

void Violations::PartialPhoneNumber(absl::string_view field, absl::string_view value) {
  absl::string_view digits = value;
  absl::ConsumePrefix(&digits, "+");
  if (!value.empty() && (digits.empty() || digits.size() > 15 || !AllOf(digits, IsDigit))) {
    Add(field, "must be digits of a phone number, optionally starting with +");
  }
}

void Violations::OneOf(absl::string_view field, absl::string_view value,
                       std::initializer_list<absl::string_view> allowed) {
  if (value.empty()) return;
  for (absl::string_view candidate : allowed) {
    if (value == candidate) return;
  }
  Add(field, absl::StrCat("must be one of: ", absl::StrJoin(allowed, ", ")));
}

void Violations::PageSize(absl::string_view field, int value) {
  if (value < 0 || value > 100) Add(field, "must be between 1 and 100 (0 means 20)");
}

void Violations::Range(absl::string_view field, int value, int min, int max) {
  if (value < min || value > max) Add(field, absl::StrCat("must be between ", min, " and ", max));
}

void Violations::HttpsUrl(absl::string_view field, absl::string_view value) {
  absl::string_view rest = value;
  const bool https = absl::ConsumePrefix(&rest, "https://");
  // The host: the authority (up to '/', '?' or '#') without user info and port.
  absl::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = host.rfind('@'); at != absl::string_view::npos) host.remove_prefix(at + 1);
  host = host.substr(0, host.find(':'));
  if (!https || host.empty() || value.size() > 2048 || !AllOf(value, IsVisible)) {
    Add(field, "must be an https:// URL");
  }
}

void Violations::KnownEvent(absl::string_view field, absl::string_view value) {
  if (!KnownEvents().contains(value)) {
    Add(field, absl::StrCat("'", value.substr(0, 64), "' is not a Kapso webhook event"));
  }
}

void Violations::EventPattern(absl::string_view field, absl::string_view value) {
  if (value.empty()) return;
  auto ok = [](unsigned char c) { return absl::ascii_islower(c) || c == '.' || c == '_'; };
  if (value.size() > 128 || !AllOf(value, +ok) || !absl::StrContains(value, '.')) {
    Add(field, "must be an event name such as whatsapp.message.failed");
  }
}

void Violations::HttpHeader(absl::string_view field, absl::string_view name,
                            absl::string_view value) {
  if (name.empty() || name.size() > 256 || !AllOf(name, IsTokenChar)) {
    Add(field, "header names must be HTTP tokens");
  } else if (value.size() > 4096 || absl::StrContains(value, '\r') ||
             absl::StrContains(value, '\n')) {
    Add(field, absl::StrCat("header '", name, "' has a value with a line break or over 4096"));
  }
}

void Violations::OpenHttpHeader(absl::string_view field, absl::string_view name,
                                const google::protobuf::Value& value) {
  HttpHeader(field, name, value.has_string_value() ? value.string_value() : "");
}

void Violations::LowerWord(absl::string_view field, absl::string_view value) {
  auto ok = [](unsigned char c) { return absl::ascii_islower(c) || c == '_'; };
  if (value.size() > 32 || !AllOf(value, +ok)) {
    Add(field, "must be a lower-case word such as text or template");
  }
}

void Violations::MaxLength(absl::string_view field, absl::string_view value, size_t max) {
  if (value.size() > max) Add(field, absl::StrCat("must be at most ", max, " characters"));
}

}  // namespace kapso::service
