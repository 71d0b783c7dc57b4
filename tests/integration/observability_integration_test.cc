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
      text, R"(kapso_ops_rpc_requests_total{code="OK",method="/kapso.ops.v1.MessageDebug/GetMessage"} 1)"))
      << text;
  EXPECT_TRUE(absl::StrContains(
      text, R"(kapso_ops_rpc_requests_total{code="NOT_FOUND",method="/kapso.ops.v1.MessageDebug/GetMessage"} 1)"));
  EXPECT_TRUE(absl::StrContains(
      text, R"(kapso_ops_upstream_requests_total{endpoint="/whatsapp/messages/{id}",http_method="GET",outcome="2xx"} 1)"));
  EXPECT_TRUE(absl::StrContains(text, "kapso_ops_upstream_circuit_open 0"));
  EXPECT_FALSE(absl::StrContains(text, kSandboxKey));
}

TEST_F(ObservabilityTest, RetriesAndCoalescingAreCounted) {
  sandbox::Fault fault;
  fault.path_prefix = "/platform/v1/whatsapp/messages";
  fault.status = 503;
  fault.times = 1;
  sandbox().AddFault(fault);
  v1::GetMessageRequest request;
  request.set_message_id("wamid.SANDBOX0001");
  v1::Message message;
  ASSERT_TRUE(messages_->GetMessage(Context().get(), request, &message).ok());
  std::string text = server().ScrapeMetrics();
  EXPECT_TRUE(absl::StrContains(text, "kapso_ops_upstream_retries_total 1")) << text;
  EXPECT_TRUE(absl::StrContains(text, R"(outcome="5xx"} 1)"));
  EXPECT_EQ(server().upstream_stats().retries, 1);
}

}  // namespace
}  // namespace kapso::testing
