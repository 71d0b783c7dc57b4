// MessageDebug RPCs through gRPC, against the sandbox.

#include <set>

#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

using MessageDebugTest = KapsoOpsTest;

TEST_F(MessageDebugTest, PagesThroughMessagesWithCursors) {
  v1::ListMessagesRequest request;
  request.set_page_size(20);
  std::set<std::string> seen;
  int pages = 0;
  do {
    v1::ListMessagesResponse response;
    ASSERT_TRUE(messages_->ListMessages(Context().get(), request, &response).ok());
    for (const auto& message : response.messages()) seen.insert(message.id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 3);  // 45 messages, 20 a page
  EXPECT_EQ(seen.size(), 45u);
  EXPECT_TRUE(seen.count("wamid.SANDBOX0001"));
}

TEST_F(MessageDebugTest, FiltersReachKapso) {
  v1::ListMessagesRequest request;
  request.set_direction("outbound");
  request.set_status("failed");
  request.set_page_size(100);
  v1::ListMessagesResponse response;
  ASSERT_TRUE(messages_->ListMessages(Context().get(), request, &response).ok());
  ASSERT_GE(response.messages_size(), 5);
  for (const auto& message : response.messages()) {
    EXPECT_EQ(message.kapso().direction(), "outbound");
    EXPECT_EQ(message.kapso().status(), "failed");
    EXPECT_EQ(message.delivery_timeline_size(), 0);  // only GetMessage computes it
  }
}

TEST_F(MessageDebugTest, GetMessageDerivesTheDeliveryTimeline) {
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  ASSERT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
  std::vector<std::string> steps;
  for (const auto& event : message.delivery_timeline()) steps.push_back(event.status());
  EXPECT_EQ(steps, (std::vector<std::string>{"sent", "delivered", "read"}));
  EXPECT_LE(message.delivery_timeline(0).time().seconds(),
            message.delivery_timeline(2).time().seconds());

  request.set_message_id("wamid.SANDBOX0002");
  ASSERT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
  const auto& last = message.delivery_timeline(message.delivery_timeline_size() - 1);
  EXPECT_EQ(last.status(), "failed");
  ASSERT_EQ(last.errors_size(), 1);
  EXPECT_EQ(last.errors(0).code(), 131047);
}

TEST_F(MessageDebugTest, UnknownMessageIsNotFound) {
  v1::GetMessageRequest request;
  request.set_message_id("wamid.NOPE");
  v1::Message message;
  grpc::Status status = messages_->GetMessage(Context().get(), request, &message);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_NOT_FOUND");
}

TEST_F(MessageDebugTest, LooksUpAConversationByPhoneNumberThenById) {
  v1::ListConversationsRequest list;
  list.set_phone_number("+15550100101");
  v1::ListConversationsResponse found;
  ASSERT_TRUE(messages_->ListConversations(Context().get(), list, &found).ok());
  ASSERT_EQ(found.conversations_size(), 1);
  EXPECT_EQ(found.conversations(0).id(), "c0000000-0000-4000-8000-000000000001");
  EXPECT_EQ(found.conversations(0).phone_number_id(), kNumber1);

  v1::GetConversationRequest get;
  get.set_conversation_id(found.conversations(0).id());
  v1::Conversation conversation;
  ASSERT_TRUE(messages_->GetConversation(Context().get(), get, &conversation).ok());
  EXPECT_EQ(conversation.status(), "active");
  EXPECT_GT(conversation.kapso().messages_count(), 0);
}

TEST_F(MessageDebugTest, RejectsANonE164LookupBeforeCallingKapso) {
  v1::ListConversationsRequest list;
  list.set_phone_number("555-0100");
  v1::ListConversationsResponse found;
  grpc::Status status = messages_->ListConversations(Context().get(), list, &found);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).bad_fields, std::vector<std::string>{"phone_number"});
  EXPECT_EQ(sandbox().TotalRequests(), 0);
}

}  // namespace
}  // namespace kapso::testing
