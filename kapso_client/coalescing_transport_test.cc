#include "kapso_client/coalescing_transport.h"

#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "kapso_client/status_details.h"
#include "kapso_client/testing/fake_scheduler.h"
#include "kapso_client/testing/fake_transport.h"

namespace kapso::client {
namespace {

using testing_util::Answer;
using testing_util::FakeScheduler;
using testing_util::FakeTransport;
using testing_util::Get;
using testing_util::Reply;
using testing_util::Request;

constexpr char kPath[] = "/whatsapp/phone_numbers/123/health";

class CoalescingTransportTest : public ::testing::Test {
 protected:
  Answer Send(HttpRequest request, CallOptions options = {}) {
    Answer answer;
    coalescing_.Send(std::move(request), std::move(options), answer.Callback());
    return answer;
  }
  Answer SendGet(CallOptions options = {}) { return Send(Get(kPath), std::move(options)); }
  std::vector<Answer> SendGets(int n) {
    std::vector<Answer> answers;
    for (int i = 0; i < n; ++i) answers.push_back(SendGet());
    return answers;
  }
  static CallOptions Cancellable(const std::shared_ptr<Cancellation>& c) {
    return {absl::InfiniteFuture(), c};
  }
  // The cancellation the shared upstream request was sent with.
  bool UpstreamCancelled() const { return inner_.last().options.cancellation->cancelled(); }

  FakeTransport inner_;
  FakeScheduler scheduler_;
  CoalescingTransport coalescing_{&inner_, &scheduler_};
};

TEST_F(CoalescingTransportTest, IdenticalGetsShareOneUpstreamRequest) {
  std::vector<Answer> answers = SendGets(10);
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_EQ(inner_.ReleaseAll(Reply(200, {}, "{\"ok\":true}")), 1);
  for (const Answer& answer : answers) {
    EXPECT_EQ(answer.times(), 1);
    ASSERT_EQ(answer.http_status(), 200);
    EXPECT_EQ(answer.outcome()->body, "{\"ok\":true}");
  }
  EXPECT_EQ(coalescing_.coalesced(), 9);
}

TEST_F(CoalescingTransportTest, DifferentRequestsAreNotShared) {
  HttpRequest with_query = Get(kPath);
  with_query.query = {{"limit", "1"}};
  HttpRequest other_query = Get(kPath);
  other_query.query = {{"limit", "2"}};
  const HttpRequest variants[] = {Get(kPath),          with_query,
                                  other_query,         Get("/whatsapp/phone_numbers/456/health"),
                                  Get(kPath, "key-b"), Request(HttpMethod::kDelete, kPath)};
  for (const HttpRequest& request : variants) Send(request);
  EXPECT_EQ(inner_.requests(), 6);
  EXPECT_EQ(coalescing_.coalesced(), 0);
}

TEST_F(CoalescingTransportTest, WritesAreNeverShared) {
  for (HttpMethod method : {HttpMethod::kPost, HttpMethod::kPatch, HttpMethod::kDelete}) {
    SCOPED_TRACE(HttpMethodName(method));
    int before = inner_.requests();
    Send(Request(method, "/whatsapp/messages"));
    Send(Request(method, "/whatsapp/messages"));
    EXPECT_EQ(inner_.requests(), before + 2);
  }
  EXPECT_EQ(coalescing_.coalesced(), 0);
}

TEST_F(CoalescingTransportTest, OneWaiterCancellingLeavesTheOthers) {
  auto cancellation = std::make_shared<Cancellation>();
  Answer first = SendGet();
  Answer leaving = SendGet(Cancellable(cancellation));
  Answer third = SendGet();
  cancellation->Cancel();
  EXPECT_EQ(leaving.times(), 1);
  EXPECT_EQ(leaving.outcome().status().code(), absl::StatusCode::kCancelled);
  EXPECT_FALSE(UpstreamCancelled());
  EXPECT_EQ(inner_.pending(), 1);
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(first.http_status(), 200);
  EXPECT_EQ(third.http_status(), 200);
  EXPECT_EQ(leaving.times(), 1);
}

TEST_F(CoalescingTransportTest, LeaderCancellingLeavesTheFollowers) {
  auto cancellation = std::make_shared<Cancellation>();
  Answer leader = SendGet(Cancellable(cancellation));
  Answer follower = SendGet();
  cancellation->Cancel();
  EXPECT_EQ(leader.outcome().status().code(), absl::StatusCode::kCancelled);
  EXPECT_FALSE(UpstreamCancelled());
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(follower.http_status(), 200);
}

TEST_F(CoalescingTransportTest, AllWaitersCancellingCancelsTheUpstreamRequest) {
  std::vector<std::shared_ptr<Cancellation>> cancellations;
  std::vector<Answer> answers;
  for (int i = 0; i < 3; ++i) {
    cancellations.push_back(std::make_shared<Cancellation>());
    answers.push_back(SendGet(Cancellable(cancellations.back())));
  }
  cancellations[0]->Cancel();
  cancellations[1]->Cancel();
  EXPECT_EQ(inner_.cancelled(), 0);
  cancellations[2]->Cancel();
  EXPECT_TRUE(UpstreamCancelled());
  EXPECT_EQ(inner_.cancelled(), 1);
  EXPECT_EQ(inner_.pending(), 0);
  for (const Answer& answer : answers) {
    EXPECT_EQ(answer.times(), 1);
    EXPECT_EQ(answer.outcome().status().code(), absl::StatusCode::kCancelled);
  }
}

TEST_F(CoalescingTransportTest, FollowerDeadlinePassingAnswersIt) {
  Answer leader = SendGet();
  Answer follower = SendGet({scheduler_.Now() + absl::Seconds(2), nullptr});
  scheduler_.Advance(absl::Seconds(2) - absl::Nanoseconds(1));
  EXPECT_FALSE(follower.answered());
  scheduler_.Advance(absl::Nanoseconds(1));
  EXPECT_EQ(follower.times(), 1);
  EXPECT_EQ(follower.outcome().status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(ErrorReason(follower.outcome().status()), "KAPSO_TIMEOUT");
  EXPECT_FALSE(UpstreamCancelled());
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(leader.http_status(), 200);
  EXPECT_EQ(follower.times(), 1);
}

TEST_F(CoalescingTransportTest, UpstreamRequestCarriesTheLeadersDeadline) {
  absl::Time deadline = scheduler_.Now() + absl::Seconds(3);
  SendGet({deadline, nullptr});
  SendGet({deadline + absl::Seconds(5), nullptr});
  EXPECT_EQ(inner_.last().options.deadline, deadline);
}

// Issue 8: a follower with 5 s failed at 0.35 s because the leader had 300 ms.
TEST_F(CoalescingTransportTest, FollowerOutlivesTheLeadersDeadline) {
  absl::Time start = scheduler_.Now();
  Answer leader = SendGet({start + absl::Milliseconds(300), nullptr});
  Answer follower = SendGet({start + absl::Seconds(5), nullptr});
  scheduler_.Advance(absl::Milliseconds(300));
  inner_.ReleaseAll(testing_util::TimedOut());  // the shared call hit the leader's deadline
  EXPECT_EQ(leader.outcome().status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(follower.answered());
  ASSERT_EQ(inner_.requests(), 2);  // re-issued for the follower, with its own deadline
  EXPECT_EQ(inner_.last().options.deadline, start + absl::Seconds(5));
  EXPECT_EQ(inner_.ReleaseAll(Reply(200)), 1);
  EXPECT_EQ(follower.http_status(), 200);
  EXPECT_EQ(leader.times(), 1);
  EXPECT_EQ(follower.times(), 1);
}

TEST_F(CoalescingTransportTest, FollowersWithoutDeadlineOutliveTheLeadersDeadline) {
  Answer leader = SendGet({scheduler_.Now() + absl::Seconds(1), nullptr});
  std::vector<Answer> followers = SendGets(3);
  inner_.ReleaseAll(testing_util::TimedOut());
  EXPECT_EQ(leader.times(), 1);
  ASSERT_EQ(inner_.requests(), 2);  // one shared re-issue, not one per follower
  EXPECT_EQ(inner_.last().options.deadline, absl::InfiniteFuture());
  inner_.ReleaseAll(Reply(200));
  for (const Answer& follower : followers) EXPECT_EQ(follower.http_status(), 200);
}

TEST_F(CoalescingTransportTest, ReissueRunsWithTheLatestDeadlineAndTimesOutEachWaiter) {
  absl::Time start = scheduler_.Now();
  Answer leader = SendGet({start + absl::Seconds(1), nullptr});
  Answer short_follower = SendGet({start + absl::Seconds(3), nullptr});
  Answer long_follower = SendGet({start + absl::Seconds(9), nullptr});
  scheduler_.Advance(absl::Seconds(1));
  inner_.ReleaseAll(testing_util::TimedOut());
  EXPECT_EQ(inner_.last().options.deadline, start + absl::Seconds(9));
  scheduler_.Advance(absl::Seconds(2));  // the short follower's own timer
  EXPECT_EQ(short_follower.outcome().status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(UpstreamCancelled());  // the long follower still waits on it
  EXPECT_FALSE(long_follower.answered());
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(long_follower.http_status(), 200);
  EXPECT_EQ(short_follower.times(), 1);
}

TEST_F(CoalescingTransportTest, ACarriedOverWaiterCancellingCancelsTheReissue) {
  auto cancellation = std::make_shared<Cancellation>();
  Answer leader = SendGet({scheduler_.Now() + absl::Seconds(1), nullptr});
  Answer follower = SendGet(Cancellable(cancellation));
  inner_.ReleaseAll(testing_util::TimedOut());
  ASSERT_EQ(inner_.pending(), 1);
  cancellation->Cancel();
  EXPECT_EQ(follower.outcome().status().code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(UpstreamCancelled());
  EXPECT_EQ(inner_.pending(), 0);
  EXPECT_EQ(follower.times(), 1);
}

TEST_F(CoalescingTransportTest, WaitersWithTheSameDeadlineShareItsFailure) {
  absl::Time deadline = scheduler_.Now() + absl::Seconds(1);
  Answer leader = SendGet({deadline, nullptr});
  Answer follower = SendGet({deadline, nullptr});
  inner_.ReleaseAll(testing_util::TimedOut());
  EXPECT_EQ(follower.outcome().status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(inner_.requests(), 1);
}

TEST_F(CoalescingTransportTest, JoinersAfterAReissueShareIt) {
  Answer leader = SendGet({scheduler_.Now() + absl::Seconds(1), nullptr});
  Answer follower = SendGet();
  inner_.ReleaseAll(testing_util::TimedOut());
  Answer late = SendGet();
  EXPECT_EQ(inner_.requests(), 2);
  inner_.ReleaseAll(Reply(204));
  EXPECT_EQ(follower.http_status(), 204);
  EXPECT_EQ(late.http_status(), 204);
}

TEST_F(CoalescingTransportTest, AfterCompletionANewGetStartsANewRequest) {
  Answer first = SendGet();
  inner_.ReleaseAll(Reply(200));
  Answer second = SendGet();
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_FALSE(second.answered());
  inner_.ReleaseAll(Reply(404));
  EXPECT_EQ(first.http_status(), 200);
  EXPECT_EQ(second.http_status(), 404);
  EXPECT_EQ(coalescing_.coalesced(), 0);
}

TEST_F(CoalescingTransportTest, AfterEveryoneCancelledANewGetStartsANewRequest) {
  auto cancellation = std::make_shared<Cancellation>();
  SendGet(Cancellable(cancellation));
  cancellation->Cancel();
  Answer fresh = SendGet();
  EXPECT_EQ(inner_.requests(), 2);
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(fresh.http_status(), 200);
}

TEST_F(CoalescingTransportTest, ErrorsAreSharedToo) {
  std::vector<Answer> answers = SendGets(3);
  inner_.ReleaseAll(testing_util::Unreachable());
  for (const Answer& answer : answers) {
    EXPECT_EQ(ErrorReason(answer.outcome().status()), "KAPSO_UNREACHABLE");
  }
}

}  // namespace
}  // namespace kapso::client
