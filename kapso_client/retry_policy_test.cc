#include "kapso_client/retry_policy.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "kapso_client/testing/fake_transport.h"

namespace kapso::client {
namespace {

using testing_util::Cancelled;
using testing_util::Outcome;
using testing_util::Reply;
using testing_util::TimedOut;
using testing_util::Unreachable;

TEST(IsRetryable, HttpStatuses) {
  struct Case {
    int status;
    bool retryable;
  } cases[] = {{200, false}, {400, false}, {404, false}, {429, true},
               {500, false}, {502, true},  {503, true},  {504, true}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status);
    EXPECT_EQ(IsRetryable(Reply(c.status)), c.retryable);
  }
}

TEST(IsRetryable, OnlyUnreachableAmongTransportErrors) {
  struct Case {
    absl::Status error;
    bool retryable;
  } cases[] = {{Unreachable(), true},
               {TimedOut(), false},
               {Cancelled(), false},
               {absl::UnavailableError("no ErrorInfo"), false}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.error.ToString());
    EXPECT_EQ(IsRetryable(Outcome(c.error)), c.retryable);
  }
}

class BackoffDelayTest : public ::testing::Test {
 protected:
  absl::Duration Delay(int retry, double uniform,
                       std::optional<absl::Duration> retry_after = std::nullopt) {
    return BackoffDelay(policy_, retry, retry_after, [uniform] { return uniform; });
  }

  RetryPolicy policy_{/*max_attempts=*/10, absl::Milliseconds(100), absl::Seconds(1)};
};

TEST_F(BackoffDelayTest, CeilingDoublesPerRetryAndCapsAtMaxBackoff) {
  struct Case {
    int retry;
    absl::Duration ceiling;
  } cases[] = {{1, absl::Milliseconds(100)}, {2, absl::Milliseconds(200)},
               {3, absl::Milliseconds(400)}, {4, absl::Milliseconds(800)},
               {5, absl::Seconds(1)},        {6, absl::Seconds(1)},
               {40, absl::Seconds(1)}};
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat("retry ", c.retry));
    absl::Duration delay = Delay(c.retry, 0.999);
    EXPECT_LT(delay, c.ceiling);
    EXPECT_GE(delay, c.ceiling * 0.998);
  }
}

TEST_F(BackoffDelayTest, ZeroWhenTheDrawIsZero) {
  for (int retry : {1, 2, 5, 40}) {
    SCOPED_TRACE(retry);
    EXPECT_EQ(Delay(retry, 0.0), absl::ZeroDuration());
  }
}

TEST_F(BackoffDelayTest, NeverBelowRetryAfter) {
  struct Case {
    int retry;
    double uniform;
    absl::Duration retry_after;
    absl::Duration expected;
  } cases[] = {
      {1, 0.0, absl::Seconds(2), absl::Seconds(2)},  // above the cap too
      {1, 0.999, absl::Seconds(30), absl::Seconds(30)},
      {4, 0.5, absl::Milliseconds(100), absl::Milliseconds(400)},  // jitter is longer
      {1, 0.5, absl::ZeroDuration(), absl::Milliseconds(50)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat("retry ", c.retry, " after ", absl::FormatDuration(c.retry_after)));
    EXPECT_EQ(Delay(c.retry, c.uniform, c.retry_after), c.expected);
  }
}

}  // namespace
}  // namespace kapso::client
