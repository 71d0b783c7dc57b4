#include "cli/webhook_requests.h"

#include "cli/cli_status.h"
#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

ParsedFlags Flags(std::vector<std::pair<std::string, std::string>> values) {
  ParsedFlags flags;
  for (auto& [k, v] : values) flags.Set(k, v);
  return flags;
}

TEST(ParseEventsTest, CsvAndJsonArray) {
  struct Case {
    std::string text;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"a.b,c.d", {"a.b", "c.d"}},
      {" a.b , c.d ,", {"a.b", "c.d"}},
      {R"(["a.b", "c.d"])", {"a.b", "c.d"}},
      {"single", {"single"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto events = ParseEvents(c.text);
    ASSERT_TRUE(events.ok()) << events.status();
    EXPECT_EQ(*events, c.want);
  }
}

TEST(ParseEventsTest, RejectsBadInputNamingTheFlag) {
  for (const char* text : {"[1, 2]", "[\"a\"", ",", "[]"}) {
    SCOPED_TRACE(text);
    auto events = ParseEvents(text);
    ASSERT_FALSE(events.ok());
    EXPECT_TRUE(IsUsageError(events.status()));
    EXPECT_EQ(UsageErrorFlag(events.status()), "events");
  }
}

TEST(ParseHeadersTest, AnObjectOfAnyJsonValues) {
  auto headers = ParseHeaders(R"({"X-A": "1", "X-B": 2, "X-C": {"d": true}})");
  ASSERT_TRUE(headers.ok()) << headers.status();
  EXPECT_EQ(headers->fields().at("X-A").string_value(), "1");
  EXPECT_EQ(headers->fields().at("X-B").number_value(), 2);
  EXPECT_TRUE(headers->fields().at("X-C").struct_value().fields().at("d").bool_value());
  EXPECT_EQ(headers->fields().size(), 3u);
  for (const char* text : {"[1]", "\"x\"", "{bad"}) {
    SCOPED_TRACE(text);
    auto bad = ParseHeaders(text);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(UsageErrorFlag(bad.status()), "headers");
    EXPECT_NE(bad.status().message().find("--headers"), std::string::npos);
  }
}

TEST(BuildUpdateWebhookTest, MaskNamesExactlyTheFlagsGiven) {
  auto request = BuildUpdateWebhook(Flags({{"phone-number-id", "1"},
                                           {"webhook-id", "w"},
                                           {"active", "false"},
                                           {"inactivity-minutes", "30"},
                                           {"scope", "config"}}));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->webhook_id(), "w");
  EXPECT_EQ(request->scope(), kapso::ops::v1::WEBHOOK_SCOPE_CONFIG);
  ASSERT_EQ(request->update_mask().paths_size(), 2);
  EXPECT_EQ(request->update_mask().paths(0), "active");
  EXPECT_EQ(request->update_mask().paths(1), "inactivity_minutes");
  EXPECT_TRUE(request->webhook().has_active());
  EXPECT_FALSE(request->webhook().active());
  EXPECT_FALSE(request->webhook().has_buffer_enabled());
  EXPECT_EQ(request->webhook().inactivity_minutes(), 30);
}

TEST(BuildUpdateWebhookTest, NothingToUpdateIsAUsageError) {
  auto request = BuildUpdateWebhook(Flags({{"phone-number-id", "1"}, {"webhook-id", "w"}}));
  ASSERT_FALSE(request.ok());
  EXPECT_TRUE(IsUsageError(request.status()));
}

TEST(BuildCreateWebhookTest, MapsEveryField) {
  auto request = BuildCreateWebhook(Flags({{"phone-number-id", "1"},
                                           {"url", "https://example.com/h"},
                                           {"events", "a,b"},
                                           {"kind", "kapso"},
                                           {"payload-version", "v2"},
                                           {"buffer-enabled", "true"},
                                           {"buffer-window-seconds", "5"},
                                           {"max-buffer-size", "10"},
                                           {"headers", R"({"X": "y"})"},
                                           {"secret-key", "s"},
                                           {"scope", "project"}}));
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& w = request->webhook();
  EXPECT_EQ(request->scope(), kapso::ops::v1::WEBHOOK_SCOPE_PROJECT);
  EXPECT_EQ(w.url(), "https://example.com/h");
  EXPECT_EQ(w.events_size(), 2);
  EXPECT_EQ(w.payload_version(), "v2");
  EXPECT_TRUE(w.buffer_enabled());
  EXPECT_EQ(w.buffer_window_seconds(), 5);
  EXPECT_EQ(w.max_buffer_size(), 10);
  EXPECT_EQ(w.headers_json().fields().at("X").string_value(), "y");
  EXPECT_TRUE(w.headers().empty());
  EXPECT_EQ(w.secret_key(), "s");
  EXPECT_FALSE(w.has_active());
}

TEST(BuildCreateWebhookTest, RejectsPlainHttp) {
  auto request = BuildCreateWebhook(Flags({{"url", "http://example.com"}, {"events", "a"}}));
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(UsageErrorFlag(request.status()), "url");
}

TEST(BuildListWebhooksTest, PerPageIsPageSize) {
  auto request = BuildListWebhooks(
      Flags({{"phone-number-id", "1"}, {"per-page", "7"}, {"page-token", "t"}, {"kind", "meta"}}));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->page_size(), 7);
  EXPECT_EQ(request->page_token(), "t");
  EXPECT_EQ(request->kind(), "meta");
  EXPECT_EQ(request->scope(), kapso::ops::v1::WEBHOOK_SCOPE_UNSPECIFIED);
  EXPECT_FALSE(request->has_active());
  EXPECT_FALSE(request->has_created_after());
}

TEST(BuildListWebhooksTest, ListFiltersOfKapsoNumberWebhooks) {
  auto request = BuildListWebhooks(Flags({{"phone-number-id", "1"},
                                          {"url-contains", "hooks.example"},
                                          {"active", "false"},
                                          {"created-after", "2026-01-31T00:00:00Z"},
                                          {"created-before", "2026-02-01T12:30:00Z"}}));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->url_contains(), "hooks.example");
  ASSERT_TRUE(request->has_active());
  EXPECT_FALSE(request->active());
  EXPECT_EQ(request->created_after().seconds(), 1769817600);
  EXPECT_EQ(request->created_before().seconds(), 1769949000);
  auto bad = BuildListWebhooks(Flags({{"phone-number-id", "1"}, {"created-after", "yesterday"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(UsageErrorFlag(bad.status()), "created-after");
}

TEST(WebhookUpdateFlagsTest, KindIsNotOfferedOnUpdate) {
  for (const FlagSpec& flag : WebhookUpdateFlags()) EXPECT_NE(flag.name, "kind");
  bool create_has_kind = false;
  for (const FlagSpec& flag : WebhookFieldFlags()) create_has_kind |= flag.name == "kind";
  EXPECT_TRUE(create_has_kind);
}

}  // namespace
}  // namespace kapso::cli
