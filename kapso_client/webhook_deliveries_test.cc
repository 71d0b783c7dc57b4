// How ListWebhookDeliveries is asked of Kapso.

#include "kapso_client/webhook_deliveries.h"

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

using Query = std::vector<std::pair<std::string, std::string>>;
constexpr char kWebhookId[] = "0a000000-0000-4000-8000-000000000001";

TEST(BuildListWebhookDeliveries, Query) {
  struct Case {
    const char* name;
    std::function<void(v1::ListWebhookDeliveriesRequest&)> setup;
    Query query;
  };
  const Case cases[] = {
      {"defaults", [](auto&) {}, {{"period", "24h"}, {"limit", "50"}}},
      {"every filter",
       [](auto& r) {
         r.set_period(v1::PERIOD_30D);
         r.set_status("failed");
         r.set_event("whatsapp.message.failed");
         r.set_webhook_id(kWebhookId);
         r.set_errors_only(true);
       },
       {{"period", "30d"},
        {"status", "failed"},
        {"event", "whatsapp.message.failed"},
        {"webhook_id", kWebhookId},
        {"errors_only", "true"},
        {"limit", "50"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ListWebhookDeliveriesRequest request;
    c.setup(request);
    HttpRequest http = Built(BuildListWebhookDeliveries(request, Page(50)));
    EXPECT_EQ(http.path, "/webhook_deliveries");
    EXPECT_THAT(http.query, UnorderedElementsAreArray(c.query));
  }
}

}  // namespace
}  // namespace kapso::client
