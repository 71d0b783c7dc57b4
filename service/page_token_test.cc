#include "service/page_token.h"

#include <functional>
#include <string>

#include "absl/strings/escaping.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "kapso/ops/v1/message_debug.pb.h"
#include "kapso/ops/v1/webhooks.pb.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;

v1::ListMessagesRequest Messages() {
  v1::ListMessagesRequest r;
  r.set_phone_number_id("1000000000000001");
  r.set_direction("outbound");
  r.set_status("failed");
  r.set_page_size(10);
  return r;
}

v1::ListWebhooksRequest Webhooks() {
  v1::ListWebhooksRequest r;
  r.set_phone_number_id("1000000000000001");
  r.set_kind("kapso");
  r.set_active(true);
  return r;
}

void ExpectInvalidToken(const absl::StatusOr<client::PageRequest>& page) {
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client::ErrorReason(page.status()), "INVALID_PAGE_TOKEN");
}

TEST(PageToken, EmptyTokenIsFirstPage) {
  struct Case {
    int page_size;
    int expected;
  };
  for (const Case& c : {Case{0, 20}, Case{1, 1}, Case{100, 100}}) {
    SCOPED_TRACE(c.page_size);
    absl::StatusOr<client::PageRequest> page = DecodePageToken(Messages(), "", c.page_size);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->page, 1);
    EXPECT_EQ(page->cursor, "");
    EXPECT_EQ(page->page_size, c.expected);
  }
}

TEST(PageToken, RoundTripsCursorAndPage) {
  struct Case {
    const char* cursor;
    int page;
    int decoded_page;
  };
  for (const Case& c :
       {Case{"QVBJTE9HOjEyMw==", 0, 1}, Case{"a+b/c=", 0, 1}, Case{"", 2, 2}, Case{"", 51, 51}}) {
    SCOPED_TRACE(c.cursor);
    SCOPED_TRACE(c.page);
    v1::ListMessagesRequest request = Messages();
    std::string token = EncodePageToken(request, c.cursor, c.page);
    EXPECT_FALSE(token.empty());
    // The caller sends the token back in the request itself.
    request.set_page_token(token);
    absl::StatusOr<client::PageRequest> page = DecodePageToken(request, token, 0);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->cursor, c.cursor);
    EXPECT_EQ(page->page, c.decoded_page);
    EXPECT_EQ(page->page_size, 20);
  }
}

TEST(PageToken, TokenIsUrlSafe) {
  std::string token = EncodePageToken(Messages(), std::string(200, '\xff'), 7);
  EXPECT_EQ(token.find_first_of("+/= "), std::string::npos) << token;
}

TEST(PageToken, ChangedPageSizeAndOldTokenAreAllowed) {
  v1::ListWebhooksRequest first = Webhooks();
  first.set_page_size(5);
  first.set_page_token("an-earlier-token");
  std::string token = EncodePageToken(first, "", 2);

  v1::ListWebhooksRequest next = Webhooks();
  next.set_page_size(50);
  next.set_page_token(token);
  absl::StatusOr<client::PageRequest> page = DecodePageToken(next, token, next.page_size());
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->page, 2);
  EXPECT_EQ(page->page_size, 50);
}

TEST(PageToken, ChangedFiltersAreRejected) {
  using google::protobuf::util::TimeUtil;
  struct Case {
    const char* name;
    std::function<void(v1::ListWebhooksRequest&)> change;
  };
  const Case cases[] = {
      {"phone number", [](auto& r) { r.set_phone_number_id("1000000000000002"); }},
      {"kind", [](auto& r) { r.set_kind("meta"); }},
      {"kind cleared", [](auto& r) { r.clear_kind(); }},
      {"active false", [](auto& r) { r.set_active(false); }},
      {"active unset", [](auto& r) { r.clear_active(); }},
      {"scope", [](auto& r) { r.set_scope(v1::WEBHOOK_SCOPE_CONFIG); }},
      {"url_contains", [](auto& r) { r.set_url_contains("x"); }},
      {"created_after",
       [](auto& r) { *r.mutable_created_after() = TimeUtil::SecondsToTimestamp(1); }},
  };
  const std::string token = EncodePageToken(Webhooks(), "", 2);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ListWebhooksRequest changed = Webhooks();
    c.change(changed);
    ExpectInvalidToken(DecodePageToken(changed, token, 0));
  }
  EXPECT_TRUE(DecodePageToken(Webhooks(), token, 0).ok());
}

TEST(PageToken, TokenOfAnotherListIsRejected) {
  // Same filter bytes, other request type.
  v1::ListConversationsRequest conversations;
  v1::ListMessagesRequest messages;
  ExpectInvalidToken(DecodePageToken(messages, EncodePageToken(conversations, "c", 0), 0));
}

TEST(PageToken, GarbageIsRejected) {
  std::string truncated = EncodePageToken(Messages(), "CURSOR", 0);
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(truncated, &raw));
  truncated = absl::WebSafeBase64Escape(raw.substr(0, raw.size() - 3));
  const std::string cases[] = {
      "!!!not base64!!!",
      "abc def",
      absl::WebSafeBase64Escape("garbage"),
      absl::WebSafeBase64Escape("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"),
      truncated,
  };
  for (const std::string& token : cases) {
    SCOPED_TRACE(token);
    ExpectInvalidToken(DecodePageToken(Messages(), token, 0));
  }
}

TEST(PageToken, EncodingIsDeterministic) {
  EXPECT_EQ(EncodePageToken(Messages(), "CUR", 0), EncodePageToken(Messages(), "CUR", 0));
  // Same filters set in another order, with another page size: same token.
  v1::ListMessagesRequest other;
  other.set_page_size(99);
  other.set_status("failed");
  other.set_direction("outbound");
  other.set_phone_number_id("1000000000000001");
  EXPECT_EQ(EncodePageToken(Messages(), "CUR", 0), EncodePageToken(other, "CUR", 0));
  EXPECT_NE(EncodePageToken(Messages(), "CUR", 0), EncodePageToken(Messages(), "CUS", 0));
}

}  // namespace
}  // namespace kapso::service
