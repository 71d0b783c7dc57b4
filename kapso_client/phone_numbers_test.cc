// How the phone-number list and health check are asked of Kapso.

#include "kapso_client/phone_numbers.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/built_request.h"

namespace kapso::client {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using testing_util::Built;
using testing_util::Page;

TEST(BuildListPhoneNumbers, PageBased) {
  HttpRequest http = Built(BuildListPhoneNumbers(Page(100, 2, "cursor-ignored")));
  EXPECT_EQ(http.method, HttpMethod::kGet);
  EXPECT_EQ(http.path, "/whatsapp/phone_numbers");
  EXPECT_THAT(http.query, UnorderedElementsAre(Pair("page", "2"), Pair("per_page", "100")));
}

TEST(NextPhoneNumberPage, WalksTheStatedPagesAndStopsAtAnEmptyOne) {
  wire::PhoneNumberList list;
  list.add_data()->set_id("1000000000000001");
  list.mutable_meta()->set_total_pages(2);
  std::optional<PageRequest> next = NextPhoneNumberPage(Page(100), list);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->page, 2);
  EXPECT_EQ(next->page_size, 100);
  EXPECT_FALSE(NextPhoneNumberPage(*next, list).has_value());  // page 2 of 2
  list.mutable_meta()->set_total_pages(9);
  list.clear_data();
  EXPECT_FALSE(NextPhoneNumberPage(Page(100), list).has_value());  // empty: no page 2
}

}  // namespace
}  // namespace kapso::client
