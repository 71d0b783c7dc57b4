#include "kapso_client/page_request.h"

#include "gtest/gtest.h"
#include "kapso/internal/wire/messages.pb.h"
#include "kapso/ops/v1/message_debug.pb.h"

namespace kapso::client {
namespace {

wire::PageMeta Meta(int total_pages) {
  wire::PageMeta meta;
  meta.set_total_pages(total_pages);
  return meta;
}

TEST(NextPage, NumberedListsAdvanceUntilTheStatedLastPage) {
  PageRequest first;
  first.page_size = 50;
  std::optional<PageRequest> second = NextPage(first, Meta(3), 50);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->page, 2);
  EXPECT_EQ(second->page_size, 50);
  std::optional<PageRequest> third = NextPage(*second, Meta(3), 50);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->page, 3);
  EXPECT_FALSE(NextPage(*third, Meta(3), 50).has_value());
}

TEST(NextPage, AnEmptyPageEndsANumberedListWhateverTheTotalSays) {
  PageRequest page;
  page.page = 4;
  EXPECT_FALSE(NextPage(page, Meta(1000), 0).has_value());
  EXPECT_FALSE(NextPage(page, Meta(0), 10).has_value());
}

TEST(NextPage, CursorListsFollowKapsosNextCursor) {
  PageRequest first;
  first.page_size = 7;
  wire::Paging paging;
  paging.set_next("CURSOR2");
  std::optional<PageRequest> next = NextPage(first, paging);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->cursor, "CURSOR2");
  EXPECT_EQ(next->page_size, 7);
  paging.clear_next();
  EXPECT_FALSE(NextPage(*next, paging).has_value());
}

TEST(TakeCursorPage, MovesTheItemsAndAnswersTheNextPage) {
  wire::MessageList list;
  list.add_data()->set_id("wamid.1");
  list.add_data()->set_id("wamid.2");
  list.mutable_paging()->set_next("AFTER2");
  ops::v1::ListMessagesResponse response;
  std::optional<PageRequest> next =
      TakeCursorPage(PageRequest{}, list, response.mutable_messages());
  ASSERT_EQ(response.messages_size(), 2);
  EXPECT_EQ(response.messages(1).id(), "wamid.2");
  EXPECT_EQ(list.data_size(), 0);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->cursor, "AFTER2");
}

}  // namespace
}  // namespace kapso::client
