#include "kapso_client/status_details.h"

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kapso::client {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(MakeError, CarriesCodeMessageAndErrorInfo) {
  absl::Status status = MakeError(absl::StatusCode::kNotFound, "no such webhook", "KAPSO_NOT_FOUND",
                                  {{"http_status", "404"}, {"kapso_path", "/x"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "no such webhook");
  auto info = GetErrorInfo(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "KAPSO_NOT_FOUND");
  EXPECT_EQ(info->domain(), "ops.kapso.ai");
  EXPECT_THAT(info->metadata(),
              UnorderedElementsAre(Pair("http_status", "404"), Pair("kapso_path", "/x")));
  EXPECT_EQ(ErrorReason(status), "KAPSO_NOT_FOUND");
  EXPECT_FALSE(GetRetryDelay(status).has_value());
  EXPECT_FALSE(GetBadRequest(status).has_value());
}

TEST(ErrorReason, EmptyWithoutErrorInfo) {
  for (const absl::Status& status :
       {absl::OkStatus(), absl::InternalError("plain"), absl::UnavailableError("")}) {
    SCOPED_TRACE(status.ToString());
    EXPECT_EQ(ErrorReason(status), "");
    EXPECT_FALSE(GetErrorInfo(status).has_value());
  }
}

TEST(ErrorInfo, CorruptPayloadReadsAsAbsent) {
  absl::Status status = absl::InternalError("x");
  status.SetPayload("type.googleapis.com/google.rpc.ErrorInfo", absl::Cord("\xff\xff\xff"));
  EXPECT_FALSE(GetErrorInfo(status).has_value());
  EXPECT_EQ(ErrorReason(status), "");
}

TEST(SetRetryDelay, RoundTripsWholeAndFractionalSeconds) {
  for (absl::Duration delay :
       {absl::ZeroDuration(), absl::Seconds(60), absl::Milliseconds(1500),
        absl::Nanoseconds(999999999), absl::Hours(2) + absl::Nanoseconds(1)}) {
    SCOPED_TRACE(absl::FormatDuration(delay));
    absl::Status status =
        MakeError(absl::StatusCode::kResourceExhausted, "slow down", "KAPSO_RATE_LIMITED");
    SetRetryDelay(status, delay);
    ASSERT_TRUE(GetRetryDelay(status).has_value());
    EXPECT_EQ(*GetRetryDelay(status), delay);
    EXPECT_EQ(ErrorReason(status), "KAPSO_RATE_LIMITED");  // ErrorInfo untouched
  }
}

TEST(SetRetryDelay, LastCallWins) {
  absl::Status status = absl::UnavailableError("x");
  SetRetryDelay(status, absl::Seconds(5));
  SetRetryDelay(status, absl::Seconds(7));
  EXPECT_EQ(GetRetryDelay(status), absl::Seconds(7));
}

TEST(InvalidArgument, ListsEveryViolationInOrder) {
  absl::Status status = InvalidArgument(
      {{"page_size", "must be between 1 and 100"}, {"webhook.url", "must be an https:// URL"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(status), "INVALID_ARGUMENT");
  EXPECT_EQ(GetErrorInfo(status)->domain(), kErrorDomain);
  EXPECT_EQ(status.message(),
            "invalid request: page_size: must be between 1 and 100; webhook.url: must be an "
            "https:// URL");
  auto bad_request = GetBadRequest(status);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 2);
  EXPECT_EQ(bad_request->field_violations(0).field(), "page_size");
  EXPECT_EQ(bad_request->field_violations(0).description(), "must be between 1 and 100");
  EXPECT_EQ(bad_request->field_violations(1).field(), "webhook.url");
}

TEST(SetErrorMetadata, ReplacesOneKeyAndKeepsTheRest) {
  absl::Status status = MakeError(absl::StatusCode::kUnavailable, "down", "KAPSO_UNAVAILABLE",
                                  {{"http_status", "503"}, {"kapso_method", "GET"}});
  SetRetryDelay(status, absl::Seconds(3));
  SetErrorMetadata(status, "http_status", "502");
  SetErrorMetadata(status, "attempts", "3");

  auto info = GetErrorInfo(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "KAPSO_UNAVAILABLE");
  EXPECT_EQ(info->domain(), kErrorDomain);
  EXPECT_THAT(info->metadata(),
              UnorderedElementsAre(Pair("http_status", "502"), Pair("kapso_method", "GET"),
                                   Pair("attempts", "3")));
  EXPECT_EQ(GetRetryDelay(status), absl::Seconds(3));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "down");
}

TEST(SetErrorMetadata, CreatesErrorInfoWithDomainWhenAbsent) {
  absl::Status status = absl::DeadlineExceededError("late");
  SetErrorMetadata(status, "kapso_path", "/api_logs");
  auto info = GetErrorInfo(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->domain(), kErrorDomain);
  EXPECT_THAT(info->metadata(), UnorderedElementsAre(Pair("kapso_path", "/api_logs")));
}

// Found by fuzz/http_status_fuzzer: an upstream header with a non-UTF-8 byte
// copied into metadata made the ErrorInfo unparseable (no reason at all).
TEST(StatusDetailsTest, NonUtf8MetadataKeepsTheErrorInfoReadable) {
  absl::Status status = MakeError(absl::StatusCode::kNotFound, "gone", "KAPSO_NOT_FOUND",
                                  {{"kapso_request_id", "req-\xff\xfe-1"}});
  ASSERT_EQ(ErrorReason(status), "KAPSO_NOT_FOUND");
  EXPECT_EQ(GetErrorInfo(status)->metadata().at("kapso_request_id"), "req-??-1");
  SetErrorMetadata(status, "kapso_path", "/a\xc3");
  EXPECT_EQ(GetErrorInfo(status)->metadata().at("kapso_path"), "/a?");
  EXPECT_EQ(GetErrorInfo(status)->metadata().at("kapso_request_id"), "req-??-1");
}

}  // namespace
}  // namespace kapso::client
