// ReadSince over a fake list (newest first, pages of 3): where it stops,
// what it returns, and in which order.
#include "service/follow_reader.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace kapso::service {
namespace {

absl::Time T(int seconds) { return absl::FromUnixSeconds(1700000000 + seconds); }

class FakeSource : public FollowSource {
 public:
  explicit FakeSource(std::vector<FollowItemKey> newest_first) : keys_(std::move(newest_first)) {}

  void ReadPage(client::KapsoClient*, const std::string& cursor, ops::v1::Period,
                const client::RequestContext&, client::Done<FollowPage> done) const override {
    ++pages_read;
    size_t begin = cursor.empty() ? 0 : std::stoul(cursor);
    FollowPage page;
    for (size_t i = begin; i < keys_.size() && i < begin + 3; ++i) {
      page.items.push_back({keys_[i], nullptr});
    }
    if (begin + 3 < keys_.size()) page.next_cursor = absl::StrCat(begin + 3);
    std::move(done)(std::move(page));
  }

  mutable int pages_read = 0;

 private:
  std::vector<FollowItemKey> keys_;
};

std::vector<std::string> Read(const std::shared_ptr<FakeSource>& source,
                              const FollowWatermark& since, bool newest_only = false) {
  std::optional<absl::StatusOr<FollowBatch>> got;
  ReadSince(source, nullptr, since, newest_only, client::RequestContext(),
            [&got](absl::StatusOr<FollowBatch> items) { got = std::move(items); });
  std::vector<std::string> ids;
  EXPECT_TRUE(got.has_value() && got->ok());
  if (got.has_value() && got->ok()) {
    for (const FollowItem& item : **got) ids.push_back(item.key.id);
  }
  return ids;
}

TEST(FollowReaderTest, StopsAtTheFirstOlderItemAndReturnsOldestFirst) {
  auto source = std::make_shared<FakeSource>(std::vector<FollowItemKey>{
      {T(9), "i"}, {T(8), "h"}, {T(7), "g"}, {T(6), "f"}, {T(5), "e"}, {T(4), "d"}, {T(3), "c"}});
  FollowWatermark since;
  since.Advance({T(5), "e"});
  EXPECT_EQ(Read(source, since), (std::vector<std::string>{"f", "g", "h", "i"}));
  EXPECT_EQ(source->pages_read, 2);  // never the third page
}

TEST(FollowReaderTest, OneRequestWhenNothingIsNew) {
  auto source = std::make_shared<FakeSource>(
      std::vector<FollowItemKey>{{T(5), "e"}, {T(4), "d"}, {T(3), "c"}, {T(2), "b"}});
  FollowWatermark since;
  since.Advance({T(5), "e"});
  EXPECT_TRUE(Read(source, since).empty());
  EXPECT_EQ(source->pages_read, 1);
}

TEST(FollowReaderTest, SameInstantIdsInAnyOrderAreFound) {
  // "a" appeared after "m" was delivered, at the same instant, listed after it.
  auto source = std::make_shared<FakeSource>(
      std::vector<FollowItemKey>{{T(6), "z"}, {T(5), "m"}, {T(5), "a"}, {T(4), "q"}});
  FollowWatermark since;
  since.Advance({T(5), "m"});
  EXPECT_EQ(Read(source, since), (std::vector<std::string>{"a", "z"}));
}

TEST(FollowReaderTest, UnsetReadsTheWholeListAndNewestOnlyTheNewestInstant) {
  auto source = std::make_shared<FakeSource>(
      std::vector<FollowItemKey>{{T(7), "y"}, {T(7), "x"}, {T(6), "w"}, {T(5), "v"}});
  EXPECT_EQ(Read(source, FollowWatermark()), (std::vector<std::string>{"v", "w", "x", "y"}));
  EXPECT_EQ(Read(source, FollowWatermark(), /*newest_only=*/true),
            (std::vector<std::string>{"x", "y"}));
}

TEST(FollowReaderTest, PeriodCoversTheWatermark) {
  absl::Time now = T(1000000);
  FollowWatermark mark;
  EXPECT_EQ(PeriodCovering(mark, now), ops::v1::PERIOD_30D);
  mark.Advance({now - absl::Hours(2), "a"});
  EXPECT_EQ(PeriodCovering(mark, now), ops::v1::PERIOD_24H);
  FollowWatermark old;
  old.Advance({now - absl::Hours(30), "a"});
  EXPECT_EQ(PeriodCovering(old, now), ops::v1::PERIOD_7D);
  FollowWatermark older;
  older.Advance({now - absl::Hours(24 * 8), "a"});
  EXPECT_EQ(PeriodCovering(older, now), ops::v1::PERIOD_30D);
}

}  // namespace
}  // namespace kapso::service
