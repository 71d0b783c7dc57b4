#include "service/delivery_timeline.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/json_mapping.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

// A message as Kapso returns it, with these raw Meta status events.
v1::Message WithStatuses(const std::vector<std::string>& statuses) {
  std::string list;
  for (const std::string& s : statuses) absl::StrAppend(&list, list.empty() ? "" : ",", s);
  std::string json = absl::StrCat(
      R"({"id": "wamid.SANDBOX0002", "timestamp": "1767000000", "type": "template",
          "kapso": {"direction": "outbound", "status": "failed", "statuses": [)",
      list, "]}}");
  v1::Message message;
  absl::Status parsed = client::ParseKapsoJson(json, &message);
  EXPECT_TRUE(parsed.ok()) << parsed << "\n" << json;
  AddDeliveryTimeline(message);
  return message;
}

std::string Status(const std::string& status, const std::string& timestamp,
                   const std::string& extra = "") {
  return absl::StrCat(R"({"id": "wamid.SANDBOX0002", "recipient_id": "15550100101", "status": ")",
                      status, R"(", "timestamp": ")", timestamp, "\"", extra, "}");
}

// "status@seconds" per step, "status@-" for an untimed one.
std::vector<std::string> Steps(const v1::Message& message) {
  std::vector<std::string> steps;
  for (const auto& e : message.delivery_timeline()) {
    steps.push_back(
        absl::StrCat(e.status(), "@", e.has_time() ? absl::StrCat(e.time().seconds()) : "-"));
  }
  return steps;
}

TEST(DeliveryTimeline, Order) {
  struct Case {
    const char* name;
    std::vector<std::string> statuses;
    std::vector<std::string> steps;
  };
  const Case cases[] = {
      {"none", {}, {}},
      {"in order",
       {Status("sent", "1767000001"), Status("delivered", "1767000002"),
        Status("read", "1767000010")},
       {"sent@1767000001", "delivered@1767000002", "read@1767000010"}},
      {"out of order sorted by time",
       {Status("read", "1767000010"), Status("sent", "1767000001"),
        Status("delivered", "1767000002")},
       {"sent@1767000001", "delivered@1767000002", "read@1767000010"}},
      {"ties in delivery order",
       {Status("failed", "1767000005"), Status("read", "1767000005"),
        Status("delivered", "1767000005"), Status("sent", "1767000005")},
       {"sent@1767000005", "delivered@1767000005", "read@1767000005", "failed@1767000005"}},
      {"time beats rank",
       {Status("sent", "1767000009"), Status("failed", "1767000001")},
       {"failed@1767000001", "sent@1767000009"}},
      {"unparsable timestamp last, untimed",
       {Status("sent", "yesterday"), Status("read", "1767000010"),
        Status("delivered", "1767000002")},
       {"delivered@1767000002", "read@1767000010", "sent@-"}},
      {"empty timestamp last",
       {Status("delivered", ""), Status("sent", "1767000001")},
       {"sent@1767000001", "delivered@-"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_THAT(Steps(WithStatuses(c.statuses)), ElementsAreArray(c.steps));
  }
}

TEST(DeliveryTimeline, FailedStepKeepsMetaErrors) {
  v1::Message message =
      WithStatuses({Status("failed", "1767000003", R"(, "errors": [{"code": 131047,
         "title": "Re-engagement message", "message": "Re-engagement message",
         "error_data": {"details": "More than 24 hours have passed"},
         "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}])"),
                    Status("sent", "1767000001")});
  ASSERT_THAT(Steps(message), ElementsAre("sent@1767000001", "failed@1767000003"));
  EXPECT_EQ(message.delivery_timeline(0).errors_size(), 0);
  const v1::DeliveryEvent& failed = message.delivery_timeline(1);
  ASSERT_EQ(failed.errors_size(), 1);
  EXPECT_EQ(failed.errors(0).code(), 131047);
  EXPECT_EQ(failed.errors(0).title(), "Re-engagement message");
  EXPECT_EQ(failed.errors(0).error_data().fields().at("details").string_value(),
            "More than 24 hours have passed");
}

TEST(DeliveryTimeline, RebuildingReplacesTheTimeline) {
  v1::Message message =
      WithStatuses({Status("sent", "1767000001"), Status("delivered", "1767000002")});
  AddDeliveryTimeline(message);
  EXPECT_THAT(Steps(message), ElementsAre("sent@1767000001", "delivered@1767000002"));
  message.mutable_kapso()->clear_statuses();
  AddDeliveryTimeline(message);
  EXPECT_EQ(message.delivery_timeline_size(), 0);
}

}  // namespace
}  // namespace kapso::service
