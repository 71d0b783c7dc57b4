// FollowSubscription against a recording writer: delivery once and in
// order, catch-up, the bounded buffer and the token on every ending.
#include "service/follow_subscription.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "kapso_client/status_details.h"

namespace kapso::service {
namespace {

absl::Time T(int seconds) { return absl::FromUnixSeconds(1700000000 + seconds); }

FollowItem Item(int seconds, std::string id) { return {{T(seconds), std::move(id)}, nullptr}; }

// Records writes; completes them only when told (a slow reader).
class RecordingWriter : public FollowWriter {
 public:
  void Write(const FollowBatch& items, const std::string& token) override {
    std::vector<std::string> ids;
    for (const auto& item : items) ids.push_back(item.key.id);
    writes.push_back(ids);
    tokens.push_back(token);
  }
  void End(const absl::Status& s) override { ended = s; }
  std::vector<std::vector<std::string>> writes;
  std::vector<std::string> tokens;
  std::optional<absl::Status> ended;
};

// Tokens are the watermark's newest instant and ids, readable in tests.
std::string TokenOf(const FollowWatermark& mark) {
  if (!mark.is_set()) return "unset";
  kapso::internal::FollowToken token;
  mark.ToProto(&token);
  return absl::StrCat(token.seconds() - 1700000000, ":", absl::StrJoin(token.ids(), ","));
}

std::shared_ptr<const FollowBatch> Batch(FollowBatch items) {
  return std::make_shared<const FollowBatch>(std::move(items));
}

TEST(FollowSubscriptionTest, DeliversEachItemOnceInOrder) {
  RecordingWriter writer;
  FollowSubscription sub(&writer, TokenOf, 100, std::nullopt);
  FollowWatermark now;
  now.Advance({T(1), "a"});
  EXPECT_FALSE(sub.OnPrimed(now).has_value());
  ASSERT_EQ(writer.writes.size(), 1u);  // the first, empty response
  EXPECT_TRUE(writer.writes[0].empty());
  EXPECT_EQ(writer.tokens[0], "1:a");
  sub.OnItems(Batch({Item(2, "b"), Item(2, "c")}));
  sub.OnItems(Batch({Item(2, "c"), Item(1, "a"), Item(3, "d")}));  // repeats are dropped
  sub.OnWriteDone(true);
  sub.OnWriteDone(true);
  sub.OnWriteDone(true);
  ASSERT_EQ(writer.writes.size(), 3u);
  EXPECT_EQ(writer.writes[1], (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(writer.writes[2], (std::vector<std::string>{"d"}));
  EXPECT_EQ(writer.tokens[2], "3:d");
}

TEST(FollowSubscriptionTest, ItemsBeforePrimingAreHeldThenFiltered) {
  RecordingWriter writer;
  FollowSubscription sub(&writer, TokenOf, 100, std::nullopt);
  sub.OnItems(Batch({Item(5, "x")}));
  FollowWatermark now;
  now.Advance({T(4), "w"});
  sub.OnPrimed(now);
  sub.OnWriteDone(true);
  ASSERT_EQ(writer.writes.size(), 2u);
  EXPECT_EQ(writer.writes[1], (std::vector<std::string>{"x"}));
}

TEST(FollowSubscriptionTest, ResumeCatchesUpThenLive) {
  RecordingWriter writer;
  FollowWatermark from;
  from.Advance({T(1), "a"});
  FollowSubscription sub(&writer, TokenOf, 100, from);
  FollowWatermark now;
  now.Advance({T(3), "c"});
  auto catch_up = sub.OnPrimed(now);
  ASSERT_TRUE(catch_up.has_value());
  sub.OnItems(Batch({Item(4, "d")}));  // live, while catching up: held
  EXPECT_TRUE(writer.writes.empty());
  sub.OnCatchUp(FollowBatch{Item(1, "a"), Item(2, "b"), Item(3, "c")});
  sub.OnWriteDone(true);
  ASSERT_EQ(writer.writes.size(), 2u);
  EXPECT_EQ(writer.writes[0], (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(writer.writes[1], (std::vector<std::string>{"d"}));
}

TEST(FollowSubscriptionTest, OverflowEndsWithTheLastWrittenToken) {
  RecordingWriter writer;
  FollowSubscription sub(&writer, TokenOf, 3, std::nullopt);
  FollowWatermark now;
  now.Advance({T(1), "a"});
  sub.OnPrimed(now);
  sub.OnWriteDone(true);               // the empty first response: token 1:a
  sub.OnItems(Batch({Item(2, "b")}));  // written, never acknowledged
  sub.OnItems(Batch({Item(3, "c"), Item(3, "d")}));
  EXPECT_FALSE(writer.ended.has_value());
  sub.OnItems(Batch({Item(4, "e"), Item(4, "f")}));  // 4 queued > 3
  EXPECT_FALSE(writer.ended.has_value());            // waits for the write in flight
  sub.OnWriteDone(true);
  ASSERT_TRUE(writer.ended.has_value());
  EXPECT_EQ(writer.ended->code(), absl::StatusCode::kResourceExhausted);
  auto info = client::GetErrorInfo(*writer.ended);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason(), "FOLLOW_BUFFER_OVERFLOW");
  EXPECT_EQ(info->metadata().at("resume_token"), "2:b");
}

TEST(FollowSubscriptionTest, EndBeforeAnythingKeepsTheCallersToken) {
  RecordingWriter writer;
  FollowWatermark from;
  from.Advance({T(9), "z"});
  FollowSubscription sub(&writer, TokenOf, 10, from);
  sub.End(client::MakeError(absl::StatusCode::kUnavailable, "bye", "SERVER_SHUTTING_DOWN"));
  ASSERT_TRUE(writer.ended.has_value());
  EXPECT_EQ(client::GetErrorInfo(*writer.ended)->metadata().at("resume_token"), "9:z");
  sub.OnItems(Batch({Item(10, "y")}));  // ignored after the end
  EXPECT_TRUE(writer.writes.empty());
}

TEST(FollowSubscriptionTest, LargeBatchesAreSplitIntoBoundedResponses) {
  RecordingWriter writer;
  FollowSubscription sub(&writer, TokenOf, 1000, std::nullopt);
  sub.OnPrimed(FollowWatermark());
  FollowBatch many;
  for (int i = 0; i < 250; ++i) many.push_back(Item(10, absl::StrCat("id", 1000 + i)));
  sub.OnItems(Batch(many));
  for (int i = 0; i < 4; ++i) sub.OnWriteDone(true);
  ASSERT_EQ(writer.writes.size(), 4u);
  EXPECT_EQ(writer.writes[1].size(), FollowSubscription::kMaxItemsPerResponse);
  EXPECT_EQ(writer.writes[3].size(), 50u);
}

}  // namespace
}  // namespace kapso::service
