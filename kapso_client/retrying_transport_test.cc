#include "kapso_client/retrying_transport.h"

#include <memory>

#include "absl/strings/str_cat.h"
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
using testing_util::Outcome;
using testing_util::Reply;
using testing_util::Request;
using testing_util::Unreachable;

// Every draw is 0.5: the first backoff is 50 ms, the second 100 ms.
class RetryingTransportTest : public ::testing::Test {
 protected:
  Answer Send(HttpRequest request, CallOptions options = {}) {
    Answer answer;
    retrying_.Send(std::move(request), std::move(options), answer.Callback());
    return answer;
  }
  Answer SendGet(CallOptions options = {}) { return Send(Get("/whatsapp/messages"), options); }
  CallOptions WithDeadlineIn(absl::Duration d) { return {scheduler_.Now() + d, nullptr}; }

  FakeTransport inner_;
  FakeScheduler scheduler_;
  RetryPolicy policy_{/*max_attempts=*/4, absl::Milliseconds(100), absl::Seconds(5)};
  RetryingTransport retrying_{&inner_, &scheduler_, policy_, [] { return 0.5; }};
};

TEST_F(RetryingTransportTest, RetriesA503AfterTheBackoff) {
  inner_.Script({Reply(503), Reply(200)});
  Answer answer = SendGet();
  EXPECT_EQ(inner_.requests(), 1);
  scheduler_.Advance(absl::Milliseconds(50) - absl::Nanoseconds(1));
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_FALSE(answer.answered());
  scheduler_.Advance(absl::Nanoseconds(1));
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_EQ(answer.times(), 1);
  EXPECT_EQ(answer.http_status(), 200);
  EXPECT_EQ(retrying_.retries(), 1);
}

TEST_F(RetryingTransportTest, RetriesUnreachable) {
  inner_.Script({Unreachable(), Reply(200)});
  Answer answer = SendGet();
  scheduler_.Advance(absl::Seconds(1));
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_EQ(answer.http_status(), 200);
}

TEST_F(RetryingTransportTest, WaitsRetryAfterOn429) {
  inner_.Script({Reply(429, {{"retry-after", "2"}}), Reply(200)});
  Answer answer = SendGet();
  scheduler_.Advance(absl::Seconds(2) - absl::Milliseconds(1));
  EXPECT_EQ(inner_.requests(), 1);
  scheduler_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(inner_.requests(), 2);
  EXPECT_EQ(answer.http_status(), 200);
}

TEST_F(RetryingTransportTest, StopsAfterMaxAttempts) {
  inner_.Script({Reply(503), Reply(503), Reply(503), Reply(503), Reply(200)});
  Answer answer = SendGet();
  scheduler_.Advance(absl::Minutes(1));
  EXPECT_EQ(inner_.requests(), policy_.max_attempts);
  EXPECT_EQ(answer.times(), 1);
  EXPECT_EQ(answer.http_status(), 503);
  EXPECT_EQ(retrying_.retries(), policy_.max_attempts - 1);
}

TEST_F(RetryingTransportTest, NonRetryableAnswersPassAtOnce) {
  for (int status : {200, 400, 404, 500}) {
    SCOPED_TRACE(status);
    FakeTransport inner;
    RetryingTransport retrying(&inner, &scheduler_, policy_, [] { return 0.5; });
    inner.Script({Reply(status)});
    Answer answer;
    retrying.Send(Get("/x"), {}, answer.Callback());
    EXPECT_EQ(answer.http_status(), status);
    EXPECT_EQ(inner.requests(), 1);
    EXPECT_EQ(scheduler_.queued(), 0u);
  }
}

TEST_F(RetryingTransportTest, WritesAreNeverRetried) {
  struct Case {
    HttpMethod method;
    Outcome outcome;
  } cases[] = {{HttpMethod::kPost, Reply(503)},     {HttpMethod::kPatch, Reply(503)},
               {HttpMethod::kDelete, Reply(503)},   {HttpMethod::kPost, Unreachable()},
               {HttpMethod::kPatch, Unreachable()}, {HttpMethod::kDelete, Unreachable()}};
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(HttpMethodName(c.method), " ", c.outcome.status().ToString()));
    FakeTransport inner;
    RetryingTransport retrying(&inner, &scheduler_, policy_, [] { return 0.5; });
    inner.Script({c.outcome, Reply(200)});
    Answer answer;
    retrying.Send(Request(c.method, "/whatsapp/messages"), {}, answer.Callback());
    scheduler_.Advance(absl::Minutes(1));
    EXPECT_EQ(inner.requests(), 1);
    EXPECT_EQ(answer.times(), 1);
    EXPECT_EQ(answer.outcome().status(), c.outcome.status());
    EXPECT_EQ(retrying.retries(), 0);
  }
}

TEST_F(RetryingTransportTest, BackoffPastTheDeadlineIsNotTaken) {
  inner_.Script({Reply(503), Reply(200)});
  Answer answer = SendGet(WithDeadlineIn(absl::Milliseconds(50)));  // backoff ends at it
  EXPECT_EQ(answer.times(), 1);
  EXPECT_EQ(answer.http_status(), 503);
  EXPECT_EQ(scheduler_.queued(), 0u);
  EXPECT_EQ(retrying_.retries(), 0);
}

TEST_F(RetryingTransportTest, RetryAfterPastTheDeadlineIsNotTaken) {
  inner_.Script({Reply(429, {{"retry-after", "30"}}), Reply(200)});
  Answer answer = SendGet(WithDeadlineIn(absl::Seconds(10)));
  EXPECT_EQ(answer.http_status(), 429);
  EXPECT_EQ(inner_.requests(), 1);
}

TEST_F(RetryingTransportTest, BackoffWithinTheDeadlineIsTaken) {
  inner_.Script({Reply(503), Reply(200)});
  Answer answer = SendGet(WithDeadlineIn(absl::Milliseconds(51)));
  scheduler_.Advance(absl::Milliseconds(50));
  EXPECT_EQ(answer.http_status(), 200);
  EXPECT_EQ(inner_.last().options.deadline, scheduler_.Now() + absl::Milliseconds(1));
}

TEST_F(RetryingTransportTest, CancelledBeforeTheAnswerIsNotRetried) {
  auto cancellation = std::make_shared<Cancellation>();
  Answer answer = SendGet({absl::InfiniteFuture(), cancellation});
  cancellation->Cancel();  // the pending inner request is answered CANCELLED
  scheduler_.Advance(absl::Minutes(1));
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_EQ(answer.outcome().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(RetryingTransportTest, RetryableAnswerAfterCancelIsNotRetried) {
  auto cancellation = std::make_shared<Cancellation>();
  cancellation->Cancel();
  inner_.Script({Reply(503), Reply(200)});
  Answer answer = SendGet({absl::InfiniteFuture(), cancellation});
  scheduler_.Advance(absl::Minutes(1));
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_EQ(answer.http_status(), 503);
  EXPECT_EQ(retrying_.retries(), 0);
}

TEST_F(RetryingTransportTest, CancelDuringTheBackoffSendsNoRetry) {
  auto cancellation = std::make_shared<Cancellation>();
  inner_.Script({Reply(503), Reply(200)});
  Answer answer = SendGet({absl::InfiniteFuture(), cancellation});
  cancellation->Cancel();
  EXPECT_EQ(answer.times(), 1);  // at once, not when the pause would have ended
  scheduler_.Advance(absl::Minutes(1));
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_EQ(answer.times(), 1);
  EXPECT_EQ(answer.outcome().status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(ErrorReason(answer.outcome().status()), "CANCELLED");
}

TEST_F(RetryingTransportTest, EachAttemptSendsTheSameRequest) {
  inner_.Script({Reply(502), Reply(504), Reply(200)});
  HttpRequest request = Get("/whatsapp/messages", "key-a");
  request.query = {{"limit", "5"}};
  request.request_id = "req-1";
  Answer answer = Send(request);
  scheduler_.Advance(absl::Minutes(1));
  ASSERT_EQ(inner_.requests(), 3);
  for (const auto& received : inner_.received()) {
    EXPECT_EQ(received.request.path, request.path);
    EXPECT_EQ(received.request.query, request.query);
    EXPECT_EQ(received.request.api_key, "key-a");
    EXPECT_EQ(received.request.request_id, "req-1");
  }
  EXPECT_EQ(retrying_.retries(), 2);
}

}  // namespace
}  // namespace kapso::client
