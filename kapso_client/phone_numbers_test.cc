// How the phone-number list and health check are asked of Kapso.

#include "kapso_client/phone_numbers.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/built_request.h"

namespace kapso::client {
namespace {

using testing_util::Built;
using testing_util::ExpectInvalidArgument;
using testing_util::Page;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

TEST(BuildListPhoneNumbers, PageBased) {
  HttpRequest http = Built(BuildListPhoneNumbers(Page(100, 2, "cursor-ignored")));
  EXPECT_EQ(http.method, HttpMethod::kGet);
  EXPECT_EQ(http.path, "/whatsapp/phone_numbers");
  EXPECT_THAT(http.query, UnorderedElementsAre(Pair("page", "2"), Pair("per_page", "100")));
}

}  // namespace
}  // namespace kapso::client
