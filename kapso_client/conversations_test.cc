// How ListConversations and GetConversation are asked of Kapso.

#include "kapso_client/conversations.h"

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

constexpr char kNumber[] = "1000000000000001";

TEST(BuildListConversations, Query) {
  v1::ListConversationsRequest request;
  HttpRequest http = Built(BuildListConversations(request, Page(20)));
  EXPECT_EQ(http.path, "/whatsapp/conversations");
  EXPECT_THAT(http.query, UnorderedElementsAre(Pair("limit", "20")));

  request.set_phone_number("+15550100101");
  request.set_phone_number_id(kNumber);
  request.set_status("active");
  http = Built(BuildListConversations(request, Page(5, 1, "CURSOR")));
  // Kapso stores contact numbers as digits (its spec's examples): no '+'.
  EXPECT_THAT(
      http.query,
      UnorderedElementsAre(Pair("phone_number", "15550100101"), Pair("phone_number_id", kNumber),
                           Pair("status", "active"), Pair("limit", "5"), Pair("after", "CURSOR")));
}

}  // namespace
}  // namespace kapso::client
