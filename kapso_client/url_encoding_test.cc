#include "kapso_client/url_encoding.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

TEST(PercentEncode, EncodesAllButUnreserved) {
  struct Case {
    std::string in;
    const char* out;
  };
  const Case cases[] = {
      {"", ""},
      {"AZaz09-._~", "AZaz09-._~"},
      {"a b", "a%20b"},
      {"/", "%2F"},
      {"?#[]@", "%3F%23%5B%5D%40"},
      {"!$&'()*+,;=", "%21%24%26%27%28%29%2A%2B%2C%3B%3D"},
      {"%", "%25"},
      {"wamid.HBg+Lz==", "wamid.HBg%2BLz%3D%3D"},
      {"\xC3\xA9", "%C3%A9"},                // é in UTF-8
      {"\xF0\x9F\x98\x80", "%F0%9F%98%80"},  // an emoji, 4 bytes
      {std::string("a\0b", 3), "a%00b"},
      {"\r\n", "%0D%0A"},
      {"\x7F\xFF", "%7F%FF"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.out);
    EXPECT_EQ(PercentEncode(c.in), c.out);
  }
}

TEST(PathSegment, RejectsDirectorySteps) {
  for (const char* id : {"", ".", ".."}) {
    SCOPED_TRACE(id);
    absl::StatusOr<std::string> segment = PathSegment("webhook_id", id);
    ASSERT_FALSE(segment.ok());
    EXPECT_EQ(segment.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ErrorReason(segment.status()), "INVALID_ARGUMENT");
    auto bad_request = GetBadRequest(segment.status());
    ASSERT_TRUE(bad_request.has_value());
    ASSERT_EQ(bad_request->field_violations_size(), 1);
    EXPECT_EQ(bad_request->field_violations(0).field(), "webhook_id");
  }
}

TEST(PathSegment, EncodesIdsIntoOneSegment) {
  struct Case {
    const char* id;
    const char* segment;
  };
  const Case cases[] = {
      {"0a000000-0000-4000-8000-000000000001", "0a000000-0000-4000-8000-000000000001"},
      {"../../api_logs", "..%2F..%2Fapi_logs"},
      {"...", "..."},
      {"a/b?c#d", "a%2Fb%3Fc%23d"},
      {"%2F", "%252F"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    absl::StatusOr<std::string> segment = PathSegment("id", c.id);
    ASSERT_TRUE(segment.ok()) << segment.status();
    EXPECT_EQ(*segment, c.segment);
    EXPECT_EQ(segment->find('/'), std::string::npos);
    EXPECT_EQ(segment->find('?'), std::string::npos);
  }
}

TEST(EncodeQuery, JoinsEncodedPairsInOrder) {
  using Query = std::vector<std::pair<std::string, std::string>>;
  struct Case {
    Query query;
    const char* encoded;
  };
  const Case cases[] = {
      {{}, ""},
      {{{"limit", "20"}}, "limit=20"},
      {{{"b", "2"}, {"a", "1"}}, "b=2&a=1"},
      {{{"phone_number", "+1555"}, {"after", "abc=="}}, "phone_number=%2B1555&after=abc%3D%3D"},
      {{{"endpoint", "/whatsapp/messages?x=1&y"}}, "endpoint=%2Fwhatsapp%2Fmessages%3Fx%3D1%26y"},
      {{{"k y", "v&w=z"}}, "k%20y=v%26w%3Dz"},
      {{{"empty", ""}}, "empty="},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.encoded);
    EXPECT_EQ(EncodeQuery(c.query), c.encoded);
  }
}

}  // namespace
}  // namespace kapso::client
