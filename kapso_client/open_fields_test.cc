#include "kapso_client/open_fields.h"

#include <gtest/gtest.h>

#include "kapso/internal/wire/api_logs.pb.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso/internal/wire/phone_numbers.pb.h"
#include "kapso/internal/wire/webhooks.pb.h"
#include "kapso_client/json_mapping.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

namespace wire = ::kapso::internal::wire;

TEST(OpenFieldsTest, HeadersOfAnyJsonTypeKeepTheWebhookReadable) {
  wire::WebhookList list;
  ASSERT_TRUE(ParseKapsoJson(R"({"data":[{"id":"a","headers":{"X-Str":"v","X-Num":5,
      "X-Bool":true,"X-Obj":{"k":[1]}}},{"id":"b","headers":null}],
      "meta":{"page":1,"per_page":20,"total_pages":1,"total_count":2}})",
                             &list)
                  .ok());
  ASSERT_EQ(list.data_size(), 2);
  const auto& webhook = list.data(0);
  EXPECT_EQ(webhook.id(), "a");
  ASSERT_EQ(webhook.headers().size(), 1u);  // the deprecated map: strings only
  EXPECT_EQ(webhook.headers().at("X-Str"), "v");
  const auto& open = webhook.headers_json().fields();
  ASSERT_EQ(open.size(), 4u);
  EXPECT_EQ(open.at("X-Num").number_value(), 5);
  EXPECT_TRUE(open.at("X-Bool").bool_value());
  EXPECT_EQ(open.at("X-Obj").struct_value().fields().at("k").list_value().values(0).number_value(),
            1);
  EXPECT_FALSE(list.data(1).has_headers_json());
  EXPECT_EQ(list.meta().total_count(), 2);
}

TEST(OpenFieldsTest, RawMetaStatusesAreKeptWhileTheTypedViewDropsWhatDoesNotFit) {
  wire::MessageItem item;
  ASSERT_TRUE(ParseKapsoJson(R"({"data":{"id":"wamid.1","kapso":{"direction":"outbound",
      "statuses":[{"id":"wamid.1","status":"failed","timestamp":1705395005,
                   "errors":[{"code":"131047","title":"Re-engagement"}],"biz_opaque":{"x":1}},
                  {"status":"read","timestamp":"1705395300"}]}}})",
                             &item)
                  .ok());
  const auto& kapso = item.data().kapso();
  ASSERT_EQ(kapso.statuses_size(), 2);
  EXPECT_EQ(kapso.statuses(0).status(), "failed");
  EXPECT_EQ(kapso.statuses(0).timestamp(), "");  // a number: not a string field's value
  ASSERT_EQ(kapso.statuses(0).errors_size(), 1);
  EXPECT_EQ(kapso.statuses(0).errors(0).code(), 0);  // "131047" left out, title kept
  EXPECT_EQ(kapso.statuses(0).errors(0).title(), "Re-engagement");
  EXPECT_EQ(kapso.statuses(1).timestamp(), "1705395300");
  ASSERT_EQ(kapso.statuses_json_size(), 2);
  EXPECT_EQ(kapso.statuses_json(0).fields().at("timestamp").number_value(), 1705395005);
  EXPECT_EQ(kapso.statuses_json(0)
                .fields()
                .at("errors")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("code")
                .string_value(),
            "131047");
  EXPECT_TRUE(kapso.statuses_json(0).fields().contains("biz_opaque"));
}

TEST(OpenFieldsTest, ANullableBooleanKeepsNullApartFromFalse) {
  wire::PhoneNumberList list;
  ASSERT_TRUE(ParseKapsoJson(R"({"data":[{"id":"1","is_coexistence":null},
      {"id":"2","is_coexistence":true},{"id":"3"}]})",
                             &list)
                  .ok());
  ASSERT_EQ(list.data_size(), 3);
  EXPECT_FALSE(list.data(0).is_coexistence());
  ASSERT_TRUE(list.data(0).has_is_coexistence_json());
  EXPECT_EQ(list.data(0).is_coexistence_json().kind_case(), google::protobuf::Value::kNullValue);
  EXPECT_TRUE(list.data(1).is_coexistence());
  EXPECT_TRUE(list.data(1).is_coexistence_json().bool_value());
  EXPECT_FALSE(list.data(2).has_is_coexistence_json());  // left out by Kapso
}

TEST(OpenFieldsTest, EnvelopesWithoutTwinsAreLeftToProtobuf) {
  EXPECT_FALSE(HasOpenTwins(wire::ApiLogList::descriptor()));
  EXPECT_TRUE(HasOpenTwins(wire::WebhookItem::descriptor()));
  EXPECT_TRUE(HasOpenTwins(wire::MessageList::descriptor()));
  EXPECT_FALSE(RouteOpenFields(R"({"data":[]})", wire::ApiLogList::descriptor()).has_value());
  EXPECT_FALSE(RouteOpenFields("not json", wire::WebhookItem::descriptor()).has_value());
  // A page of messages without `statuses` is not rewritten (no second parse).
  EXPECT_FALSE(RouteOpenFields(R"({"data":[{"id":"w","kapso":{"status":"read"}}]})",
                               wire::MessageList::descriptor())
                   .has_value());
  EXPECT_TRUE(RouteOpenFields(R"({"data":[{"id":"w","kapso":{"statuses":[]}}]})",
                              wire::MessageList::descriptor())
                  .has_value());
  wire::WebhookItem item;
  EXPECT_FALSE(ParseKapsoJson("not json", &item).ok());  // still KAPSO_BAD_RESPONSE
}

TEST(OpenFieldsTest, ADocumentDeeperThanProtobufAllowsIsNotRewritten) {
  std::string deep =
      R"({"data":{"headers":)" + std::string(150, '[') + std::string(150, ']') + "}}";
  EXPECT_FALSE(RouteOpenFields(deep, wire::WebhookItem::descriptor()).has_value());
}

TEST(OpenFieldsTest, TypedFieldsOutsideOpenMembersStillFailTheAnswer) {
  wire::WebhookItem item;  // `events` is not open: an object there is a bad answer
  EXPECT_FALSE(ParseKapsoJson(R"({"data":{"id":"a","events":{"x":1}}})", &item).ok());
}

// Protobuf 3.21 reads a raw control character in a string, nlohmann (the
// routing) refuses the body: it would be read two ways, so it is refused.
TEST(OpenFieldsTest, RawControlCharactersInStringsFailTheAnswer) {
  wire::MessageItem item;
  static constexpr char kBody[] =
      "{\"data\":{\"id\":\"wamid.1\",\"kapso\":{\"statuses\":"
      "[{\"id\":\"s\",\"\":{\"categor\0y\":\"service\"}}]}}}";
  const std::string body(kBody, sizeof(kBody) - 1);
  ASSERT_NE(body.find('\0'), std::string::npos);
  absl::Status status = ParseKapsoJson(body, &item);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(ErrorReason(status), "KAPSO_BAD_RESPONSE");
  EXPECT_TRUE(ParseKapsoJson(R"({"data":{"id":"wamid.1","kapso":{"content":"a\u0000b"}}})",
                             &item)
                  .ok());  // escaped, as JSON allows
}

}  // namespace
}  // namespace kapso::client
