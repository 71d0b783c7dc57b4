#include "kapso_client/circuit_breaker.h"

#include <vector>

#include "gtest/gtest.h"
#include "kapso_client/status_details.h"
#include "kapso_client/testing/fake_scheduler.h"
#include "kapso_client/testing/fake_transport.h"

namespace kapso::client {
namespace {

using testing_util::Answer;
using testing_util::Cancelled;
using testing_util::FakeScheduler;
using testing_util::FakeTransport;
using testing_util::Get;
using testing_util::Outcome;
using testing_util::Reply;
using testing_util::TimedOut;
using testing_util::Unreachable;

using State = CircuitBreaker::State;

constexpr int kThreshold = 3;
constexpr absl::Duration kCoolDown = absl::Seconds(10);

class CircuitBreakerTest : public ::testing::Test {
 protected:
  // Sends a request; if it reaches the fake it is answered with `outcome`.
  Answer Send(const Outcome& outcome) {
    Answer answer = SendHeld();
    inner_.ReleaseAll(outcome);
    return answer;
  }
  Answer SendHeld() {
    Answer answer;
    breaker_.Send(Get("/whatsapp/messages"), {}, answer.Callback());
    return answer;
  }
  void Fail(int times) {
    for (int i = 0; i < times; ++i) Send(Reply(503));
  }
  void Open() {
    Fail(kThreshold);
    ASSERT_EQ(breaker_.state(), State::kOpen);
  }
  static void ExpectRefused(const Answer& answer) {
    ASSERT_TRUE(answer.answered());
    absl::Status status = answer.outcome().status();
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(ErrorReason(status), "KAPSO_CIRCUIT_OPEN");
    EXPECT_TRUE(GetRetryDelay(status).has_value());
  }

  FakeTransport inner_;
  FakeScheduler clock_;
  std::vector<bool> changes_;
  CircuitBreaker breaker_{&inner_, &clock_, {kThreshold, kCoolDown}, [this](bool usable) {
                            changes_.push_back(usable);
                          }};
};

TEST_F(CircuitBreakerTest, ConsecutiveFailuresOpenIt) {
  const Outcome failures[] = {Reply(500), Reply(502), Reply(503), Reply(504), Unreachable()};
  for (const Outcome& failure : failures) {
    SCOPED_TRACE(failure.ok() ? std::to_string(failure->status) : failure.status().ToString());
    FakeTransport inner;
    CircuitBreaker breaker(&inner, &clock_, {kThreshold, kCoolDown});
    for (int i = 0; i < kThreshold; ++i) {
      EXPECT_EQ(breaker.state(), State::kClosed);
      inner.Script({failure});
      breaker.Send(Get("/x"), {}, Answer().Callback());
    }
    EXPECT_EQ(breaker.state(), State::kOpen);
  }
}

TEST_F(CircuitBreakerTest, OpeningIsReported) {
  Fail(kThreshold - 1);
  EXPECT_TRUE(changes_.empty());
  Fail(1);
  EXPECT_EQ(changes_, std::vector<bool>{false});
}

TEST_F(CircuitBreakerTest, AnswersBelow500CountAsSuccess) {
  for (int status : {200, 400, 404, 429}) {
    SCOPED_TRACE(status);
    Fail(kThreshold - 1);
    Send(Reply(status));  // resets the count
    Fail(kThreshold - 1);
    EXPECT_EQ(breaker_.state(), State::kClosed);
    Send(Reply(200));
  }
  EXPECT_TRUE(changes_.empty());
}

TEST_F(CircuitBreakerTest, CallerSideErrorsAreNeutral) {
  for (const Outcome& neutral : {Outcome(Cancelled()), Outcome(TimedOut())}) {
    SCOPED_TRACE(neutral.status().ToString());
    Fail(kThreshold - 1);
    Send(neutral);  // neither counts nor resets
    EXPECT_EQ(breaker_.state(), State::kClosed);
    Fail(1);
    EXPECT_EQ(breaker_.state(), State::kOpen);
    clock_.Advance(kCoolDown);
    Send(Reply(200));  // the probe closes it for the next case
  }
}

TEST_F(CircuitBreakerTest, OpenRefusesWithoutCallingKapso) {
  Open();
  int before = inner_.requests();
  clock_.Advance(absl::Seconds(3));
  Answer refused = SendHeld();
  ExpectRefused(refused);
  EXPECT_EQ(*GetRetryDelay(refused.outcome().status()), absl::Seconds(7));
  EXPECT_EQ(inner_.requests(), before);
  EXPECT_EQ(breaker_.refused(), 1);
}

TEST_F(CircuitBreakerTest, AfterCoolDownExactlyOneProbePasses) {
  Open();
  clock_.Advance(kCoolDown - absl::Nanoseconds(1));
  ExpectRefused(SendHeld());
  clock_.Advance(absl::Nanoseconds(1));
  int before = inner_.requests();
  Answer probe = SendHeld();
  EXPECT_FALSE(probe.answered());
  EXPECT_EQ(breaker_.state(), State::kHalfOpen);
  for (int i = 0; i < 3; ++i) ExpectRefused(SendHeld());
  EXPECT_EQ(inner_.requests(), before + 1);
}

TEST_F(CircuitBreakerTest, ProbeSuccessClosesIt) {
  Open();
  clock_.Advance(kCoolDown);
  Answer probe = SendHeld();
  inner_.ReleaseAll(Reply(404));
  EXPECT_EQ(probe.http_status(), 404);
  EXPECT_EQ(breaker_.state(), State::kClosed);
  EXPECT_EQ(changes_, (std::vector<bool>{false, true}));
  EXPECT_EQ(Send(Reply(200)).http_status(), 200);
}

TEST_F(CircuitBreakerTest, ProbeFailureReopensIt) {
  Open();
  clock_.Advance(kCoolDown);
  Send(Unreachable());
  EXPECT_EQ(breaker_.state(), State::kOpen);
  ExpectRefused(SendHeld());
  EXPECT_EQ(changes_, std::vector<bool>{false});  // still unusable: no new report
  clock_.Advance(kCoolDown);
  Send(Reply(200));
  EXPECT_EQ(changes_, (std::vector<bool>{false, true}));
}

TEST_F(CircuitBreakerTest, NeutralProbeLetsTheNextRequestProbe) {
  Open();
  clock_.Advance(kCoolDown);
  Send(Cancelled());
  EXPECT_EQ(breaker_.state(), State::kHalfOpen);
  Answer next = SendHeld();
  EXPECT_FALSE(next.answered());
  inner_.ReleaseAll(Reply(200));
  EXPECT_EQ(breaker_.state(), State::kClosed);
}

}  // namespace
}  // namespace kapso::client
