#include "service/phone_number_digits.h"

#include "gtest/gtest.h"
#include "kapso_client/status_details.h"
#include "service/phone_number_directory.h"

namespace kapso::service {
namespace {

TEST(PhoneNumberDigits, CommonFormsGiveTheE164Digits) {
  for (const char* written : {"+1 555-010-0001", "15550100001", "+15550100001", "(1) 555.010.0001",
                              "0015550100001", " +1 555 010 0001 "}) {
    absl::StatusOr<std::string> digits = PhoneNumberDigits(written);
    ASSERT_TRUE(digits.ok()) << written << ": " << digits.status();
    EXPECT_EQ(*digits, "15550100001") << written;
  }
}

TEST(PhoneNumberDigits, AnythingElseIsInvalidArgumentNamingTheField) {
  for (const char* written : {"", "+", "call me", "+1 555", "1234567890123456",
                              "+1 555 010 0001 x2", "+1-555-010\n-0001", "++15550100001"}) {
    absl::StatusOr<std::string> digits = PhoneNumberDigits(written, "phone_number");
    ASSERT_FALSE(digits.ok()) << written;
    auto bad_request = client::GetBadRequest(digits.status());
    ASSERT_TRUE(bad_request.has_value()) << written;
    EXPECT_EQ(bad_request->field_violations(0).field(), "phone_number");
  }
}

TEST(MatchPhoneNumber, ComparesDigitsOfTheDisplayForm) {
  std::vector<ops::v1::PhoneNumber> numbers(3);
  numbers[0].set_phone_number_id("a");
  numbers[0].set_display_phone_number("+1 555-010-0001");
  numbers[1].set_phone_number_id("b");
  numbers[1].set_display_phone_number("+44 7700 900123");
  numbers[2].set_phone_number_id("c");
  numbers[2].set_display_phone_number("not a number");
  auto matches = MatchPhoneNumber(numbers, "15550100001");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].phone_number_id(), "a");
  EXPECT_TRUE(MatchPhoneNumber(numbers, "15550100002").empty());
}

}  // namespace
}  // namespace kapso::service
