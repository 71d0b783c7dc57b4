// Retries, coalescing, caching, rate-limit budgets and circuit breaking,
// against the sandbox's fault injection.

#include <atomic>

#include "absl/synchronization/notification.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

constexpr char kHealthPath[] = "/platform/v1/whatsapp/phone_numbers/1000000000000002/health";
constexpr char kMessagePath[] = "/platform/v1/whatsapp/messages/wamid.SANDBOX0001";

class ResilienceTest : public KapsoOpsTest {
 protected:
  void Fail(const std::string& method, const std::string& path, int status, int times,
            std::map<std::string, std::string> headers = {}) {
    sandbox::Fault fault;
    fault.method = method;
    fault.path_prefix = path;
    fault.status = status;
    fault.times = times;
    fault.headers = std::move(headers);
    sandbox().AddFault(fault);
  }
  grpc::Status GetMessage() {
    v1::GetMessageRequest request;
    request.set_message_id("wamid.SANDBOX0001");
    v1::Message message;
    return messages_->GetMessage(Context().get(), request, &message);
  }
  grpc::health::v1::HealthCheckResponse::ServingStatus Serving(const std::string& service) {
    auto stub = grpc::health::v1::Health::NewStub(channel());
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    EXPECT_TRUE(stub->Check(Context().get(), request, &response).ok());
    return response.status();
  }
};

TEST_F(ResilienceTest, ReadIsRetriedAfterA429ThenSucceeds) {
  Fail("GET", kMessagePath, 429, 1, {{"Retry-After", "1"}});
  absl::Time start = absl::Now();
  EXPECT_TRUE(GetMessage().ok());
  EXPECT_EQ(sandbox().RequestCount("GET", kMessagePath), 2);
  EXPECT_GE(absl::Now() - start, absl::Seconds(1));  // Retry-After honoured
}

TEST_F(ResilienceTest, ReadIsRetriedAfterA503) {
  Fail("GET", kMessagePath, 503, 2);
  EXPECT_TRUE(GetMessage().ok());
  EXPECT_EQ(sandbox().RequestCount("GET", kMessagePath), 3);
}

TEST_F(ResilienceTest, RetriesStopAtTheAttemptLimit) {
  Fail("GET", kMessagePath, 503, -1);
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(sandbox().RequestCount("GET", kMessagePath), 4);
}

TEST_F(ResilienceTest, DeleteIsNeverRetried) {
  Fail("DELETE", "/platform/v1/", 503, -1);
  v1::DeleteWebhookRequest request;
  request.set_phone_number_id(kNumber1);
  request.set_webhook_id("0a000000-0000-4000-8000-000000000002");
  google::protobuf::Empty empty;
  grpc::Status status = webhooks_->DeleteWebhook(Context().get(), request, &empty);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_OUTCOME_UNKNOWN");
  EXPECT_EQ(sandbox().RequestCount("DELETE", ""), 1);
}

TEST_F(ResilienceTest, ConcurrentIdenticalHealthChecksShareOneUpstreamCall) {
  sandbox::Fault slow;  // keep the first call in flight while the others arrive
  slow.path_prefix = kHealthPath;
  slow.delay_ms = 1000;
  sandbox().AddFault(slow);
  constexpr int kCalls = 100;
  HealthAnswers answers = CheckHealthTogether(kNumber2, kCalls);
  EXPECT_EQ(answers.ok, kCalls);
  EXPECT_EQ(sandbox().RequestCount("GET", kHealthPath), 1);
  EXPECT_EQ(server().upstream_stats().coalesced, kCalls - 1);  // shared, not cached
  EXPECT_EQ(answers.responses[kCalls - 1].status(), "degraded");
}

// Issue 8: a follower with 5 s failed at 0.35 s because the leader had 300 ms.
TEST_F(ResilienceTest, CoalescedFollowerKeepsItsOwnDeadline) {
  sandbox::Fault slow;  // every answer takes longer than the leader's deadline
  slow.path_prefix = kHealthPath;
  slow.delay_ms = 600;
  slow.times = -1;
  sandbox().AddFault(slow);
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(kNumber2);
  auto leader_context = Context(std::chrono::milliseconds(300));
  auto follower_context = Context(std::chrono::seconds(5));
  v1::PhoneNumberHealth leader_response, follower_response;
  absl::Notification leader_done, follower_done;
  grpc::Status leader_status, follower_status;
  health_->async()->CheckPhoneNumberHealth(leader_context.get(), &request, &leader_response,
                                           [&](grpc::Status status) {
                                             leader_status = status;
                                             leader_done.Notify();
                                           });
  // The follower joins the leader's call once that call reached Kapso.
  ASSERT_TRUE(WaitUntil([&] { return sandbox().RequestCount("GET", kHealthPath) == 1; }));
  absl::Time start = absl::Now();
  health_->async()->CheckPhoneNumberHealth(follower_context.get(), &request, &follower_response,
                                           [&](grpc::Status status) {
                                             follower_status = status;
                                             follower_done.Notify();
                                           });
  leader_done.WaitForNotification();
  follower_done.WaitForNotification();
  EXPECT_EQ(leader_status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_TRUE(follower_status.ok()) << follower_status.error_message();
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(500));  // it waited for its own answer
  EXPECT_EQ(follower_response.status(), "degraded");
  EXPECT_EQ(sandbox().RequestCount("GET", kHealthPath), 2);  // the leader's, then its own
}

TEST_F(ResilienceTest, HealthIsCachedWithItsAgeButNeverAcrossKeys) {
  service::ServerOptions options = DefaultOptions();
  options.allow_caller_api_keys = true;
  RestartServer(options);
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(kNumber2);
  v1::PhoneNumberHealth first, second, other_key;
  ASSERT_TRUE(health_->CheckPhoneNumberHealth(Context().get(), request, &first).ok());
  // Ask again until the answer says it is a second old; all from the cache.
  ASSERT_TRUE(WaitUntil(
      [&] {
        return health_->CheckPhoneNumberHealth(Context().get(), request, &second).ok() &&
               second.cache_age().seconds() >= 1;
      },
      absl::Seconds(5), absl::Milliseconds(50)));
  EXPECT_EQ(sandbox().RequestCount("GET", kHealthPath), 1);
  EXPECT_EQ(first.cache_age().seconds(), 0);
  EXPECT_GE(second.cache_age().seconds(), 1);

  auto context = Context();
  context->AddMetadata("x-kapso-api-key", "another-projects-key");
  grpc::Status status = health_->CheckPhoneNumberHealth(context.get(), request, &other_key);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);  // it went to Kapso
  EXPECT_EQ(sandbox().RequestCount("GET", kHealthPath), 2);
}

TEST_F(ResilienceTest, SpentBudgetFailsFastWithoutCallingKapso) {
  sandbox::SandboxOptions options;
  options.rate_limit_per_minute = 3;
  RestartSandbox(options);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(GetMessage().ok()) << i;
  int64_t sent = sandbox().TotalRequests();
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "KAPSO_BUDGET_EXHAUSTED");
  EXPECT_TRUE(details.has_retry_info);
  EXPECT_GT(details.retry_seconds, 0);
  EXPECT_EQ(sandbox().TotalRequests(), sent);
}

TEST_F(ResilienceTest, CircuitOpensOnSustainedFailureThenRecovers) {
  service::ServerOptions options = DefaultOptions();
  options.breaker_failure_threshold = 3;
  options.breaker_cool_down = absl::Milliseconds(500);
  options.retry_max_attempts = 1;
  RestartServer(options);
  Fail("GET", "/platform/v1/", 503, -1);
  absl::Time before_opening = absl::Now();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(DetailsOf(GetMessage()).reason, "KAPSO_UNAVAILABLE");
  int64_t sent = sandbox().TotalRequests();
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_CIRCUIT_OPEN");
  EXPECT_TRUE(DetailsOf(status).has_retry_info);
  EXPECT_EQ(sandbox().TotalRequests(), sent);
  EXPECT_EQ(Serving("kapso.ops.v1.MessageDebug"),
            grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(Serving(""), grpc::health::v1::HealthCheckResponse::SERVING);

  sandbox().ClearFaults();
  // Call until the cool-down ends: refused without Kapso until then, then the probe passes.
  ASSERT_TRUE(
      WaitUntil([&] { return GetMessage().ok(); }, absl::Seconds(5), absl::Milliseconds(20)));
  EXPECT_GE(absl::Now() - before_opening, absl::Milliseconds(500));
  EXPECT_EQ(sandbox().TotalRequests(), sent + 1);  // only the probe reached Kapso
  EXPECT_EQ(Serving("kapso.ops.v1.MessageDebug"), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ResilienceTest, CallersBadInputNeverOpensTheCircuit) {
  service::ServerOptions options = DefaultOptions();
  options.breaker_failure_threshold = 2;
  RestartServer(options);
  for (int i = 0; i < 5; ++i) {
    v1::GetMessageRequest request;
    request.set_message_id(i % 2 ? "wamid.MISSING" : "bad id");  // 404 upstream / invalid
    v1::Message message;
    EXPECT_FALSE(messages_->GetMessage(Context().get(), request, &message).ok());
  }
  EXPECT_EQ(Serving("kapso.ops.v1.MessageDebug"), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_TRUE(GetMessage().ok());
}

}  // namespace
}  // namespace kapso::testing
