#include "kapso_client/rate_limit_gate.h"

#include <string>

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
using testing_util::Headers;
using testing_util::Reply;

constexpr char kHealth[] = "/whatsapp/phone_numbers/1/health";
constexpr char kMessages[] = "/whatsapp/messages";

class RateLimitGateTest : public ::testing::Test {
 protected:
  // Sends a GET of `path`; a request that reaches Kapso is answered 200
  // with `headers`.
  Answer Send(const std::string& path, const Headers& headers = {}, std::string api_key = "") {
    return SendAnswered(path, Reply(200, headers), std::move(api_key));
  }
  Answer SendAnswered(const std::string& path, const HttpResponse& reply,
                      std::string api_key = "") {
    Answer answer;
    gate_.Send(Get(path, std::move(api_key)), {}, answer.Callback());
    inner_.ReleaseAll(reply);
    return answer;
  }
  // Sends a GET that reaches Kapso and stays unanswered.
  Answer SendHeld(const std::string& path) {
    Answer answer;
    gate_.Send(Get(path), {}, answer.Callback());
    return answer;
  }
  static void ExpectRefused(const Answer& answer, absl::Duration retry_delay) {
    ASSERT_TRUE(answer.answered());
    absl::Status status = answer.outcome().status();
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_EQ(ErrorReason(status), "KAPSO_BUDGET_EXHAUSTED");
    ASSERT_TRUE(GetRetryDelay(status).has_value());
    EXPECT_EQ(*GetRetryDelay(status), retry_delay);
  }

  FakeTransport inner_;
  FakeScheduler clock_;
  RateLimitGate gate_{&inner_, &clock_};
};

TEST_F(RateLimitGateTest, SpentBudgetRefusesWithoutCallingKapso) {
  Send(kMessages, {{"x-ratelimit-remaining", "0"}});
  ExpectRefused(Send(kMessages), absl::Minutes(1));
  clock_.Advance(absl::Seconds(59) + absl::Milliseconds(500));
  ExpectRefused(Send(kMessages), absl::Seconds(1));
  EXPECT_EQ(inner_.requests(), 1);
  EXPECT_EQ(gate_.refused(), 2);
}

TEST_F(RateLimitGateTest, SpentBudgetComesBackAfterAMinute) {
  Send(kMessages, {{"x-ratelimit-remaining", "0"}});
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(Send(kMessages).http_status(), 200);
  EXPECT_EQ(Send(kMessages).http_status(), 200);
  EXPECT_EQ(inner_.requests(), 3);
}

TEST_F(RateLimitGateTest, RefusedHealthCheckUsesNoGeneralBudget) {
  // Two general requests left; the health budget for this second is spent.
  Send(kHealth, {{"x-ratelimit-remaining", "3"}, {"x-health-ratelimit-second-remaining", "0"}});
  Send(kMessages, {{"x-ratelimit-remaining", "2"}});
  ExpectRefused(Send(kHealth), absl::Seconds(1));
  ExpectRefused(Send(kHealth), absl::Seconds(1));
  // Held, so Kapso's headers do not refresh the count: only our estimate.
  SendHeld(kMessages);
  SendHeld(kMessages);
  EXPECT_EQ(inner_.requests(), 4);  // the refused health checks took nothing
  ExpectRefused(SendHeld(kMessages), absl::Minutes(1));
}

TEST_F(RateLimitGateTest, TooManyRequestsBlocksForRetryAfter) {
  SendAnswered(kMessages, Reply(429, {{"retry-after", "30"}}));
  clock_.Advance(absl::Seconds(29));
  ExpectRefused(Send(kMessages), absl::Seconds(1));
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Send(kMessages).http_status(), 200);
  EXPECT_EQ(inner_.requests(), 2);
}

TEST_F(RateLimitGateTest, HealthHeadersGateOnlyHealthPaths) {
  struct Case {
    const char* header;
    absl::Duration window;
  } cases[] = {{"x-health-ratelimit-second-remaining", absl::Seconds(1)},
               {"x-health-ratelimit-minute-remaining", absl::Minutes(1)}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.header);
    FakeScheduler clock;
    RateLimitGate gate(&inner_, &clock);
    auto send = [&](const char* path) {
      Answer answer;
      gate.Send(Get(path), {}, answer.Callback());
      inner_.ReleaseAll(Reply(200, {{c.header, "0"}}));
      return answer;
    };
    send(kHealth);
    ExpectRefused(send(kHealth), c.window);
    EXPECT_EQ(send(kMessages).http_status(), 200);
    clock.Advance(c.window);
    EXPECT_EQ(send(kHealth).http_status(), 200);
  }
}

TEST_F(RateLimitGateTest, HealthHeadersOnOtherPathsAreIgnored) {
  Send(kMessages, {{"x-health-ratelimit-second-remaining", "0"}});
  EXPECT_EQ(Send(kHealth).http_status(), 200);
}

TEST_F(RateLimitGateTest, HealthTooManyRequestsBlocksOnlyHealth) {
  SendAnswered(kHealth, Reply(429, {{"retry-after", "5"}}));
  ExpectRefused(Send(kHealth), absl::Seconds(5));
  EXPECT_EQ(Send(kMessages).http_status(), 200);
}

TEST_F(RateLimitGateTest, BudgetsArePerApiKey) {
  Send(kMessages, {{"x-ratelimit-remaining", "0"}}, "key-a");
  ExpectRefused(Send(kMessages, {}, "key-a"), absl::Minutes(1));
  EXPECT_EQ(Send(kMessages, {}, "key-b").http_status(), 200);
}

TEST_F(RateLimitGateTest, CountsDownLocallyBetweenAnswers) {
  Send(kMessages, {{"x-ratelimit-remaining", "2"}});
  SendHeld(kMessages);
  SendHeld(kMessages);
  ExpectRefused(SendHeld(kMessages), absl::Minutes(1));
  EXPECT_EQ(inner_.requests(), 3);
}

TEST_F(RateLimitGateTest, LocalCountdownComesBackAfterAMinute) {
  Send(kMessages, {{"x-ratelimit-remaining", "1"}});
  SendHeld(kMessages);
  ExpectRefused(SendHeld(kMessages), absl::Minutes(1));
  clock_.Advance(absl::Minutes(1));
  EXPECT_FALSE(SendHeld(kMessages).answered());  // reached Kapso
  EXPECT_EQ(inner_.requests(), 3);
}

TEST_F(RateLimitGateTest, KapsosCountReplacesTheEstimate) {
  Send(kMessages, {{"x-ratelimit-remaining", "1"}});
  Send(kMessages, {{"x-ratelimit-remaining", "50"}});
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(SendHeld(kMessages).answered());
}

TEST_F(RateLimitGateTest, TransportErrorsKeepTheEstimate) {
  SendAnswered(kMessages, Reply(200, {{"x-ratelimit-remaining", "1"}}));
  Answer failed;
  gate_.Send(Get(kMessages), {}, failed.Callback());
  inner_.ReleaseAll(testing_util::Unreachable());
  ExpectRefused(SendHeld(kMessages), absl::Minutes(1));
}

}  // namespace
}  // namespace kapso::client
