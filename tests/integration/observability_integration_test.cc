// Metrics: what an operator's Prometheus sees after real traffic.

#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

class ObservabilityTest : public KapsoOpsTest {
 protected:
  void SetUp() override {
    KapsoOpsTest::SetUp();
    service::ServerOptions options = DefaultOptions();
    options.metrics_listen = "127.0.0.1:0";
    RestartServer(options);
  }
  static constexpr char kHealthPath[] =
      "/platform/v1/whatsapp/phone_numbers/1000000000000002/health";

  void FailNextMessageReadOnce() {
    sandbox::Fault fault;
    fault.path_prefix = "/platform/v1/whatsapp/messages";
    fault.status = 503;
    fault.times = 1;
    sandbox().AddFault(fault);
  }

  // `callers` identical health checks joining one upstream call, which the
  // sandbox holds 1 s. Returns how many were OK.
  int CheckHealthConcurrently(int callers) {
    sandbox::Fault slow;
    slow.path_prefix = kHealthPath;
    slow.delay_ms = 1000;
    sandbox().AddFault(slow);
    return CheckHealthTogether(kNumber2, callers).ok;
  }

  std::string ScrapeOverHttp() {
    httplib::Client client("127.0.0.1", server().metrics_port());
    auto response = client.Get("/metrics");
    return response ? response->body : "";
  }
};

TEST_F(ObservabilityTest, RpcAndUpstreamMetricsAreServedOnMetrics) {
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  ASSERT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
  request.set_message_id("wamid.NOPE");
  EXPECT_FALSE(messages_->GetMessage(Context().get(), request, &message).ok());

  ASSERT_GT(server().metrics_port(), 0);
  std::string text = ScrapeOverHttp();
  EXPECT_TRUE(absl::StrContains(
      text,
      R"(kapso_ops_rpc_requests_total{code="OK",method="/kapso.ops.v1.MessageDebug/GetMessage"} 1)"))
      << text;
  EXPECT_TRUE(absl::StrContains(
      text,
      R"(kapso_ops_rpc_requests_total{code="NOT_FOUND",method="/kapso.ops.v1.MessageDebug/GetMessage"} 1)"));
  EXPECT_TRUE(absl::StrContains(
      text,
      R"(kapso_ops_upstream_requests_total{endpoint="/whatsapp/messages/{id}",http_method="GET",outcome="2xx"} 1)"));
  // One series per outcome, one latency histogram for both (the kept series
  // must not split or drop either).
  EXPECT_TRUE(absl::StrContains(
      text,
      R"(kapso_ops_upstream_requests_total{endpoint="/whatsapp/messages/{id}",http_method="GET",outcome="4xx"} 1)"));
  EXPECT_TRUE(absl::StrContains(
      text,
      R"(kapso_ops_upstream_duration_seconds_count{endpoint="/whatsapp/messages/{id}",http_method="GET"} 2)"));
  EXPECT_TRUE(absl::StrContains(text, "kapso_ops_upstream_circuit_open 0"));
  EXPECT_FALSE(absl::StrContains(text, kSandboxKey));
}

TEST_F(ObservabilityTest, RetriesAndCoalescingAreCounted) {
  FailNextMessageReadOnce();
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  ASSERT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
  constexpr int kCallers = 5;
  EXPECT_EQ(CheckHealthConcurrently(kCallers), kCallers);

  EXPECT_EQ(sandbox().RequestCount("GET", kHealthPath), 1);  // one call answered all five
  std::string text = server().ScrapeMetrics();
  EXPECT_TRUE(absl::StrContains(text, "kapso_ops_upstream_retries_total 1")) << text;
  EXPECT_TRUE(absl::StrContains(text, R"(outcome="5xx"} 1)"));
  EXPECT_TRUE(
      absl::StrContains(text, absl::StrCat("kapso_ops_upstream_coalesced_total ", kCallers - 1)));
  client::StackStats stats = server().upstream_stats();
  EXPECT_EQ(stats.retries, 1);
  EXPECT_EQ(stats.coalesced, kCallers - 1);
}

}  // namespace
}  // namespace kapso::testing
