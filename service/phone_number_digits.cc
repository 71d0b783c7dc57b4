#include "service/phone_number_digits.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "kapso_client/status_details.h"

namespace kapso::service {

absl::StatusOr<std::string> PhoneNumberDigits(absl::string_view written, absl::string_view field) {
  absl::string_view rest = absl::StripAsciiWhitespace(written);
  bool international = absl::ConsumePrefix(&rest, "+");
  std::string digits;
  for (char c : rest) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return client::InvalidArgument({{std::string(field),
                                       "a phone number has only digits, spaces, dashes, dots, "
                                       "parentheses and a leading +"}});
    }
  }
  if (!international && absl::StartsWith(digits, "00")) digits.erase(0, 2);
  if (digits.size() < 7 || digits.size() > 15) {
    return client::InvalidArgument(
        {{std::string(field), absl::StrCat("a phone number has 7 to 15 digits with its country "
                                           "code; this one has ",
                                           digits.size())}});
  }
  return digits;
}

}  // namespace kapso::service
