// The pieces every resource builds with: item paths (one encoded segment, seen
// through each resource that has items) and Kapso's period names.

#include "kapso_client/request_building.h"

#include <functional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/api_logs.h"
#include "kapso_client/conversations.h"
#include "kapso_client/messages.h"
#include "kapso_client/phone_numbers.h"
#include "kapso_client/testing/built_request.h"
#include "kapso_client/webhook_deliveries.h"

namespace kapso::client {
namespace {

using ::testing::Pair;
using testing_util::Built;
using testing_util::ExpectInvalidArgument;
using testing_util::Page;

constexpr char kNumber[] = "1000000000000001";

TEST(ItemRequests, PathsEncodeIds) {
  struct Case {
    const char* name;
    std::function<absl::StatusOr<HttpRequest>(const std::string&)> build;
    const char* field;
    std::string id;
    const char* path;  // nullptr: rejected
  };
  auto message = [](const std::string& id) {
    v1::GetMessageRequest r;
    r.set_message_id(id);
    return BuildGetMessage(r);
  };
  auto conversation = [](const std::string& id) {
    v1::GetConversationRequest r;
    r.set_conversation_id(id);
    return BuildGetConversation(r);
  };
  auto health = [](const std::string& id) {
    v1::CheckPhoneNumberHealthRequest r;
    r.set_phone_number_id(id);
    return BuildPhoneNumberHealth(r);
  };
  const Case cases[] = {
      {"message", message, "message_id",
       "wamid.HBgL+Mw==", "/whatsapp/messages/wamid.HBgL%2BMw%3D%3D"},
      {"message traversal", message, "message_id", "../api_logs",
       "/whatsapp/messages/..%2Fapi_logs"},
      {"message empty", message, "message_id", "", nullptr},
      {"message dot-dot", message, "message_id", "..", nullptr},
      {"conversation", conversation, "conversation_id", "c0000000-0000-4000-8000-000000000001",
       "/whatsapp/conversations/c0000000-0000-4000-8000-000000000001"},
      {"conversation empty", conversation, "conversation_id", "", nullptr},
      {"health", health, "phone_number_id", kNumber,
       "/whatsapp/phone_numbers/1000000000000001/health"},
      {"health slash", health, "phone_number_id", "1/2", "/whatsapp/phone_numbers/1%2F2/health"},
      {"health dot", health, "phone_number_id", ".", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    if (c.path == nullptr) {
      ExpectInvalidArgument(c.build(c.id), c.field);
      continue;
    }
    HttpRequest http = Built(c.build(c.id));
    EXPECT_EQ(http.method, HttpMethod::kGet);
    EXPECT_EQ(http.path, c.path);
    EXPECT_TRUE(http.query.empty());
    EXPECT_TRUE(http.body.empty());
  }
}

TEST(PeriodParam, EveryPeriod) {
  struct Case {
    v1::Period period;
    const char* param;
  };
  for (const Case& c : {Case{v1::PERIOD_UNSPECIFIED, "24h"}, Case{v1::PERIOD_24H, "24h"},
                        Case{v1::PERIOD_7D, "7d"}, Case{v1::PERIOD_30D, "30d"}}) {
    SCOPED_TRACE(v1::Period_Name(c.period));
    EXPECT_EQ(PeriodParam(c.period), c.param);
    v1::ListApiLogsRequest logs;
    logs.set_period(c.period);
    EXPECT_THAT(Built(BuildListApiLogs(logs, Page(20))).query,
                ::testing::Contains(Pair("period", c.param)));
    v1::ListWebhookDeliveriesRequest deliveries;
    deliveries.set_period(c.period);
    EXPECT_THAT(Built(BuildListWebhookDeliveries(deliveries, Page(20))).query,
                ::testing::Contains(Pair("period", c.param)));
  }
}

}  // namespace
}  // namespace kapso::client
