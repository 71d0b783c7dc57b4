#include "service/follow_watermark.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "kapso/ops/v1/triage.pb.h"
#include "service/resume_token.h"

namespace kapso::service {
namespace {

absl::Time T(int seconds) { return absl::FromUnixSeconds(1700000000 + seconds); }

TEST(FollowWatermarkTest, UnsetCoversNothing) {
  FollowWatermark mark;
  EXPECT_FALSE(mark.Covers({T(0), "a"}));
  EXPECT_FALSE(mark.Covers({absl::InfinitePast() + absl::Seconds(1), "a"}));
}

TEST(FollowWatermarkTest, CoversOlderAndSeenAtTheSameInstant) {
  FollowWatermark mark;
  mark.Advance({T(10), "b"});
  EXPECT_TRUE(mark.Covers({T(9), "z"}));
  EXPECT_TRUE(mark.Covers({T(10), "b"}));
  // Same instant, not seen (smaller or larger id): new.
  EXPECT_FALSE(mark.Covers({T(10), "a"}));
  EXPECT_FALSE(mark.Covers({T(10), "c"}));
  EXPECT_FALSE(mark.Covers({T(11), "a"}));
}

TEST(FollowWatermarkTest, LaterInstantForgetsTheEarlierIds) {
  FollowWatermark mark;
  mark.Advance({T(10), "b"});
  mark.Advance({T(10), "a"});
  mark.Advance({T(12), "x"});
  EXPECT_TRUE(mark.Covers({T(10), "q"}));  // older than the newest instant
  EXPECT_TRUE(mark.Covers({T(12), "x"}));
  EXPECT_FALSE(mark.Covers({T(12), "w"}));
}

TEST(FollowWatermarkTest, IdsBeyondTheCapFoldIntoAFloor) {
  FollowWatermark mark;
  for (size_t i = 0; i < FollowWatermark::kMaxIds + 5; ++i) {
    mark.Advance({T(1), absl::StrCat("id", 100 + i)});
  }
  for (size_t i = 0; i < FollowWatermark::kMaxIds + 5; ++i) {
    EXPECT_TRUE(mark.Covers({T(1), absl::StrCat("id", 100 + i)})) << i;
  }
  EXPECT_FALSE(mark.Covers({T(1), "id999"}));
  kapso::internal::FollowToken token;
  mark.ToProto(&token);
  EXPECT_EQ(token.ids_size(), static_cast<int>(FollowWatermark::kMaxIds));
}

TEST(FollowWatermarkTest, CoversAll) {
  FollowWatermark a, b;
  EXPECT_TRUE(a.CoversAll(b));
  b.Advance({T(5), "m"});
  EXPECT_FALSE(a.CoversAll(b));
  a.Advance({T(5), "m"});
  EXPECT_TRUE(a.CoversAll(b));
  b.Advance({T(5), "n"});
  EXPECT_FALSE(a.CoversAll(b));
  a.Advance({T(6), "a"});
  EXPECT_TRUE(a.CoversAll(b));
  EXPECT_FALSE(b.CoversAll(a));
}

TEST(FollowWatermarkTest, RoundTripsThroughProtoWithNanos) {
  FollowWatermark mark;
  absl::Time t = T(3) + absl::Nanoseconds(123456789);
  mark.Advance({t, "b"});
  mark.Advance({t, "a"});
  kapso::internal::FollowToken token;
  mark.ToProto(&token);
  FollowWatermark back = FollowWatermark::FromProto(token);
  EXPECT_TRUE(back.Covers({t, "a"}));
  EXPECT_TRUE(back.Covers({t, "b"}));
  EXPECT_FALSE(back.Covers({t, "c"}));
  EXPECT_FALSE(back.Covers({t + absl::Nanoseconds(1), "a"}));
  EXPECT_TRUE(back.CoversAll(mark) && mark.CoversAll(back));
}

TEST(ResumeTokenTest, TiedToTheFilters) {
  ops::v1::FollowApiLogsRequest request;
  request.set_errors_only(true);
  FollowWatermark mark;
  mark.Advance({T(7), "x"});
  std::string token = EncodeResumeToken(request, mark);
  request.set_resume_token(token);  // the token itself is not a filter
  auto decoded = DecodeResumeToken(request, token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(decoded->Covers({T(7), "x"}));

  request.set_errors_only(false);
  EXPECT_EQ(DecodeResumeToken(request, token).status().code(), absl::StatusCode::kInvalidArgument);
  ops::v1::FollowWebhookDeliveriesRequest other;  // same fields, other RPC
  other.set_errors_only(true);
  EXPECT_FALSE(DecodeResumeToken(other, token).ok());
  EXPECT_FALSE(DecodeResumeToken(request, "not a token!").ok());
}

}  // namespace
}  // namespace kapso::service
