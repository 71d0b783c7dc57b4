#ifndef SERVICE_PHONE_NUMBER_DIGITS_H_
#define SERVICE_PHONE_NUMBER_DIGITS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace kapso::service {

// A phone number as people write it ("+1 555-010-0001", "(555) 010 0001",
// "0015550100001", "+15550100001") as its E.164 digits ("15550100001"):
// an optional leading "+" or international "00", then digits separated by
// spaces, dashes, dots or parentheses. Kapso keeps numbers the same way
// (display_phone_number_normalized). Anything else, or a count of digits
// outside 7..15, is INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::string> PhoneNumberDigits(absl::string_view written,
                                              absl::string_view field = "phone_number");

}  // namespace kapso::service

#endif  // SERVICE_PHONE_NUMBER_DIGITS_H_
