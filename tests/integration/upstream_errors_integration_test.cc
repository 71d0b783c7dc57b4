// How Kapso's failures reach gRPC callers: codes, reasons, retry advice,
// deadlines, and that the key never leaks.

#include <thread>

#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

class UpstreamErrorsTest : public KapsoOpsTest {
 protected:
  // Every matching request fails (retries included).
  void FailAll(const std::string& method, int status, const std::string& body,
               std::map<std::string, std::string> headers = {}) {
    sandbox::Fault fault;
    fault.times = -1;
    fault.method = method;
    fault.path_prefix = "/platform/v1/";
    fault.status = status;
    fault.body = body;
    fault.headers = std::move(headers);
    sandbox().AddFault(fault);
  }
  grpc::Status GetMessage(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    v1::GetMessageRequest request;
    request.set_message_id("wamid.SANDBOX0001");
    v1::Message message;
    return messages_->GetMessage(Context(timeout).get(), request, &message);
  }
};

TEST_F(UpstreamErrorsTest, WrongKeyIsUnauthenticatedAndTheKeyNeverLeaks) {
  service::ServerOptions options = DefaultOptions();
  options.kapso_api_key = "kapso-live-key-0123456789";
  RestartServer(options);
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_UNAUTHENTICATED");
  EXPECT_EQ(status.error_message().find("kapso-live-key"), std::string::npos);
  EXPECT_EQ(status.error_details().find("kapso-live-key"), std::string::npos);
}

TEST_F(UpstreamErrorsTest, EchoedKeyIsRedactedFromKapsoMessages) {
  FailAll("GET", 400, std::string(R"({"error": "bad key )") + kSandboxKey + R"( used"})");
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "bad key [redacted] used");
}

TEST_F(UpstreamErrorsTest, RateLimitCarriesRetryInfo) {
  // Kapso's 7 s is longer than the caller's 2 s: no retry, advice passed on.
  FailAll("GET", 429, R"({"error": "Rate limit exceeded"})", {{"Retry-After", "7"}});
  grpc::Status status = GetMessage(std::chrono::seconds(2));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "KAPSO_RATE_LIMITED");
  EXPECT_TRUE(details.has_retry_info);
  EXPECT_EQ(details.retry_seconds, 7);
  EXPECT_EQ(status.error_message(), "Rate limit exceeded");
}

TEST_F(UpstreamErrorsTest, ServerErrorsAreUnavailable) {
  FailAll("GET", 502, "<html>bad gateway</html>");
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "KAPSO_UNAVAILABLE");
  EXPECT_EQ(details.metadata["http_status"], "502");
  EXPECT_EQ(details.metadata["kapso_path"], "/whatsapp/messages/wamid.SANDBOX0001");
}

TEST_F(UpstreamErrorsTest, MalformedJsonIsABadResponse) {
  FailAll("GET", 200, R"({"data": {"id": )");
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  ErrorDetails details = DetailsOf(status);
  EXPECT_EQ(details.reason, "KAPSO_BAD_RESPONSE");
  // The same ErrorInfo metadata as every other Kapso failure.
  EXPECT_EQ(details.metadata["http_status"], "200");
  EXPECT_EQ(details.metadata["kapso_method"], "GET");
  EXPECT_EQ(details.metadata["kapso_path"], "/whatsapp/messages/wamid.SANDBOX0001");
  EXPECT_FALSE(details.metadata["kapso_request_id"].empty());
}

TEST_F(UpstreamErrorsTest, SlowKapsoAndAShortDeadlineFailOnTime) {
  sandbox::Fault slow;
  slow.delay_ms = 2000;
  sandbox().AddFault(slow);
  absl::Time start = absl::Now();
  grpc::Status status = GetMessage(std::chrono::milliseconds(300));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(900));
}

TEST_F(UpstreamErrorsTest, UnreachableKapsoIsUnavailable) {
  service::ServerOptions options = DefaultOptions();
  options.kapso_base_url = "http://127.0.0.1:1";  // nothing listens there
  RestartServer(options);
  grpc::Status status = GetMessage();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_UNREACHABLE");
}

TEST_F(UpstreamErrorsTest, FailedCreateIsSentOnceAndSaysTheOutcomeIsUnknown) {
  FailAll("POST", 503, R"({"error": "temporarily unavailable"})");
  v1::CreateWebhookRequest create;
  create.set_phone_number_id(kNumber2);
  create.mutable_webhook()->set_url("https://hooks.example.com/once");
  create.mutable_webhook()->add_events("whatsapp.message.received");
  v1::Webhook created;
  grpc::Status status = webhooks_->CreateWebhook(Context().get(), create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(DetailsOf(status).reason, "KAPSO_OUTCOME_UNKNOWN");
  EXPECT_EQ(sandbox().RequestCount("POST", ""), 1);
}

TEST_F(UpstreamErrorsTest, CallerCancellationAbortsTheUpstreamCall) {
  sandbox::Fault slow;
  slow.delay_ms = 3000;
  sandbox().AddFault(slow);
  grpc::ClientContext context;
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  std::thread canceller([&] {
    // Cancel once the upstream call is in flight (in the sandbox's 3 s delay).
    EXPECT_TRUE(WaitUntil(
        [&] { return sandbox().RequestCount("GET", "/platform/v1/whatsapp/messages/") == 1; }));
    context.TryCancel();
  });
  absl::Time start = absl::Now();
  grpc::Status status = messages_->GetMessage(&context, request, &message);
  canceller.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  // The transfer itself ends, long before the sandbox would have answered.
  EXPECT_TRUE(
      WaitUntil([&] { return server().upstream_stats().curl.in_flight == 0; }, absl::Seconds(1)));
}

}  // namespace
}  // namespace kapso::testing
