// How ListMessages and GetMessage are asked of Kapso.

#include "kapso_client/messages.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/built_request.h"

namespace kapso::client {
namespace {

using ::testing::UnorderedElementsAreArray;
using testing_util::Built;
using testing_util::Page;

constexpr char kNumber[] = "1000000000000001";
using Query = std::vector<std::pair<std::string, std::string>>;

TEST(BuildListMessages, Query) {
  struct Case {
    const char* name;
    std::function<void(v1::ListMessagesRequest&)> setup;
    PageRequest page;
    Query query;
  };
  const Case cases[] = {
      {"no filters, first page", [](auto&) {}, Page(20), {{"limit", "20"}}},
      {"cursor page", [](auto&) {}, Page(7, 4, "b64+/=="), {{"limit", "7"}, {"after", "b64+/=="}}},
      {"every filter",
       [](auto& r) {
         r.set_phone_number_id(kNumber);
         r.set_conversation_id("c0000000-0000-4000-8000-000000000001");
         r.set_phone_number("+1555");
         r.set_direction("outbound");
         r.set_status("failed");
         r.set_message_type("template");
         r.set_has_media(true);
       },
       Page(100),
       {{"phone_number_id", kNumber},
        {"conversation_id", "c0000000-0000-4000-8000-000000000001"},
        {"phone_number", "1555"},
        {"direction", "outbound"},
        {"status", "failed"},
        {"message_type", "template"},
        {"has_media", "true"},
        {"limit", "100"}}},
      {"has_media false is sent",
       [](auto& r) { r.set_has_media(false); },
       Page(20),
       {{"has_media", "false"}, {"limit", "20"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ListMessagesRequest request;
    c.setup(request);
    HttpRequest http = Built(BuildListMessages(request, c.page));
    EXPECT_EQ(http.method, HttpMethod::kGet);
    EXPECT_EQ(http.path, "/whatsapp/messages");
    EXPECT_THAT(http.query, UnorderedElementsAreArray(c.query));
  }
}

}  // namespace
}  // namespace kapso::client
