#include "kapso_client/http_status_mapping.h"

#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/status_details.h"

namespace kapso::client {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

HttpRequest Request() {
  HttpRequest request;
  request.method = HttpMethod::kPatch;
  request.path = "/whatsapp/phone_numbers/1000000000000001/webhooks/abc";
  return request;
}

HttpResponse Response(int status, std::string body = "") {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

struct MappingCase {
  int http_status;
  absl::StatusCode code;
  const char* reason;
};

class HttpStatusMappingTest : public ::testing::TestWithParam<MappingCase> {};

TEST_P(HttpStatusMappingTest, CodeReasonAndMetadata) {
  const MappingCase& c = GetParam();
  HttpResponse response = Response(c.http_status, R"({"error": "nope"})");
  response.headers["x-request-id"] = "req-42";

  absl::Status status = StatusFromHttpResponse(Request(), response);

  EXPECT_EQ(status.code(), c.code);
  EXPECT_EQ(status.message(), "nope");
  auto info = GetErrorInfo(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), c.reason);
  EXPECT_EQ(info->domain(), kErrorDomain);
  EXPECT_THAT(info->metadata(),
              UnorderedElementsAre(
                  Pair("http_status", absl::StrCat(c.http_status)), Pair("kapso_method", "PATCH"),
                  Pair("kapso_path", "/whatsapp/phone_numbers/1000000000000001/webhooks/abc"),
                  Pair("kapso_request_id", "req-42")));
  EXPECT_FALSE(GetRetryDelay(status).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    EveryMappedCodeAndFallbacks, HttpStatusMappingTest,
    ::testing::Values(
        MappingCase{400, absl::StatusCode::kInvalidArgument, "KAPSO_INVALID_ARGUMENT"},
        MappingCase{401, absl::StatusCode::kUnauthenticated, "KAPSO_UNAUTHENTICATED"},
        MappingCase{402, absl::StatusCode::kFailedPrecondition, "KAPSO_PAYMENT_REQUIRED"},
        MappingCase{403, absl::StatusCode::kPermissionDenied, "KAPSO_PERMISSION_DENIED"},
        MappingCase{404, absl::StatusCode::kNotFound, "KAPSO_NOT_FOUND"},
        MappingCase{409, absl::StatusCode::kAlreadyExists, "KAPSO_CONFLICT"},
        MappingCase{422, absl::StatusCode::kInvalidArgument, "KAPSO_INVALID_ARGUMENT"},
        MappingCase{429, absl::StatusCode::kResourceExhausted, "KAPSO_RATE_LIMITED"},
        MappingCase{500, absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"},
        MappingCase{501, absl::StatusCode::kUnimplemented, "KAPSO_UNAVAILABLE"},
        MappingCase{502, absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"},
        MappingCase{503, absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"},
        MappingCase{504, absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"},
        // Fallback ranges.
        MappingCase{418, absl::StatusCode::kFailedPrecondition, "KAPSO_HTTP_ERROR"},
        MappingCase{451, absl::StatusCode::kFailedPrecondition, "KAPSO_HTTP_ERROR"},
        MappingCase{599, absl::StatusCode::kUnavailable, "KAPSO_UNAVAILABLE"},
        MappingCase{302, absl::StatusCode::kUnknown, "KAPSO_HTTP_ERROR"},
        MappingCase{100, absl::StatusCode::kUnknown, "KAPSO_HTTP_ERROR"}),
    [](const ::testing::TestParamInfo<MappingCase>& info) {
      return absl::StrCat("Http", info.param.http_status);
    });

TEST(HttpStatusMapping, SuccessIsOk) {
  for (int code : {200, 201, 204, 299}) {
    SCOPED_TRACE(code);
    EXPECT_TRUE(StatusFromHttpResponse(Request(), Response(code, R"({"error": "x"})")).ok());
  }
}

TEST(HttpStatusMapping, NoRequestIdHeaderMeansNoMetadataEntry) {
  absl::Status status = StatusFromHttpResponse(Request(), Response(404));
  auto info = GetErrorInfo(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->metadata().count("kapso_request_id"), 0u);
  EXPECT_EQ(info->metadata().at("http_status"), "404");
}

TEST(HttpStatusMapping, MessageComesFromBody) {
  struct Case {
    const char* body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"error": "Webhook not found"})", "Webhook not found"},
      {R"({"message": "legacy_offset_pagination_limit_exceeded"})",
       "legacy_offset_pagination_limit_exceeded"},
      {R"({"message": "second", "error": "first"})", "first"},
      {R"({"error": {"code": 7}, "message": "fallback text"})", "fallback text"},
      {"", "Kapso answered HTTP 422"},
      {"<html><body>Bad Gateway</body></html>", "Kapso answered HTTP 422"},
      {R"({"error": "unterminated)", "Kapso answered HTTP 422"},
      {R"(["error", "list"])", "Kapso answered HTTP 422"},
      {R"({"errors": ["no string here"]})", "Kapso answered HTTP 422"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    EXPECT_EQ(StatusFromHttpResponse(Request(), Response(422, c.body)).message(), c.message);
  }
}

TEST(HttpStatusMapping, RetryAfterSecondsBecomesRetryInfo) {
  for (int code : {429, 503}) {
    SCOPED_TRACE(code);
    HttpResponse response = Response(code, R"({"error": "slow down"})");
    response.headers["retry-after"] = "60";
    absl::Status status = StatusFromHttpResponse(Request(), response);
    ASSERT_TRUE(GetRetryDelay(status).has_value());
    EXPECT_EQ(*GetRetryDelay(status), absl::Seconds(60));
    EXPECT_EQ(ErrorReason(status), code == 429 ? "KAPSO_RATE_LIMITED" : "KAPSO_UNAVAILABLE");
  }
}

TEST(HttpStatusMapping, RetryAfterHttpDateBecomesRetryInfo) {
  HttpResponse response = Response(429);
  response.headers["retry-after"] = absl::FormatTime(
      "%a, %d %b %Y %H:%M:%S GMT", absl::Now() + absl::Minutes(3), absl::UTCTimeZone());
  auto delay = GetRetryDelay(StatusFromHttpResponse(Request(), response));
  ASSERT_TRUE(delay.has_value());
  EXPECT_GT(*delay, absl::Minutes(2));
  EXPECT_LE(*delay, absl::Minutes(3));
}

TEST(HttpStatusMapping, RetryAfterIsCappedAtMaxRetryAfter) {
  for (const char* value : {"999999", "9223372036854775807", "99999999999999999999999",
                            "Fri, 31 Dec 9999 23:59:59 GMT"}) {
    HttpResponse response = Response(429);
    response.headers["retry-after"] = value;
    ErrorMappingOptions options;
    options.max_retry_after = absl::Seconds(90);
    auto delay = GetRetryDelay(StatusFromHttpResponse(Request(), response, options));
    EXPECT_EQ(delay, absl::Seconds(90)) << value;
    EXPECT_EQ(GetRetryDelay(StatusFromHttpResponse(Request(), response)), absl::Minutes(5))
        << value;
  }
}

TEST(HttpStatusMapping, UpstreamTextIsSanitizedAndBounded) {
  HttpResponse response = Response(400);
  response.body =
      R"({"error": "bad\u001b[31m red\nforged line )" + std::string(2000, 'x') + R"("})";
  ErrorMappingOptions options;
  options.max_error_text_bytes = 100;
  absl::Status status = StatusFromHttpResponse(Request(), response, options);
  EXPECT_LE(status.message().size(), 100 + std::string("\u2026(truncated)").size());
  EXPECT_TRUE(absl::EndsWith(status.message(), "\u2026(truncated)")) << status.message();
  EXPECT_EQ(status.message().find('\x1b'), absl::string_view::npos);
  EXPECT_EQ(status.message().find('\n'), absl::string_view::npos);
}

TEST(HttpStatusMapping, UpstreamRequestIdIsKeptOnlyWhenItIsAToken) {
  struct Case {
    std::string id;
    bool kept;
  } cases[] = {{"req_123-abc", true},
               {"has space", false},
               {"line\r\nbreak", false},
               {std::string(129, 'a'), false},
               {"caf\xc3\xa9", false}};
  for (const Case& c : cases) {
    HttpResponse response = Response(500);
    response.headers["x-request-id"] = c.id;
    auto info = GetErrorInfo(StatusFromHttpResponse(Request(), response));
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->metadata().contains("kapso_request_id"), c.kept) << c.id;
  }
}

TEST(HttpStatusMapping, NoRetryAfterMeansNoRetryInfo) {
  EXPECT_FALSE(GetRetryDelay(StatusFromHttpResponse(Request(), Response(429))).has_value());
  EXPECT_FALSE(GetRetryDelay(StatusFromHttpResponse(Request(), Response(503))).has_value());
}

TEST(ParseRetryAfter, Forms) {
  const absl::Time now = absl::FromUnixSeconds(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  struct Case {
    const char* header;  // nullptr: absent
    std::optional<absl::Duration> delay;
  };
  const Case cases[] = {
      {nullptr, std::nullopt},
      {"120", absl::Seconds(120)},
      {"0", absl::ZeroDuration()},
      {"-5", absl::ZeroDuration()},
      {"Wed, 21 Oct 2015 07:30:00 GMT", absl::Seconds(120)},
      {"Wed, 21 Oct 2015 07:30:00 +0000", absl::Seconds(120)},
      {"Wed, 21 Oct 2015 07:00:00 GMT", absl::ZeroDuration()},  // in the past
      {"soon", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.header == nullptr ? "(absent)" : c.header);
    HttpResponse response = Response(429);
    if (c.header != nullptr) response.headers["retry-after"] = c.header;
    EXPECT_EQ(ParseRetryAfter(response, now), c.delay);
  }
}

}  // namespace
}  // namespace kapso::client
