// Health RPCs (project overview, phone number health) and grpc.health.v1.

#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

using HealthTest = KapsoOpsTest;

TEST_F(HealthTest, OverviewCountsExactlyWithinTheBound) {
  v1::GetProjectOverviewRequest request;
  v1::ProjectOverview overview;
  ASSERT_TRUE(health_->GetProjectOverview(Context().get(), request, &overview).ok());
  EXPECT_EQ(overview.phone_numbers_size(), 3);
  EXPECT_EQ(overview.phone_numbers_total(), 3);
  EXPECT_EQ(overview.period(), v1::PERIOD_24H);
  EXPECT_EQ(overview.api_calls_total().value(), 60);
  EXPECT_TRUE(overview.api_calls_total().exact());
  EXPECT_EQ(overview.api_calls_failed().value(), 12);
  EXPECT_EQ(overview.webhook_deliveries_total().value(), 50);
  EXPECT_EQ(overview.webhook_deliveries_failed().value(), 8);

  request.set_period(v1::PERIOD_7D);
  ASSERT_TRUE(health_->GetProjectOverview(Context().get(), request, &overview).ok());
  EXPECT_EQ(overview.api_calls_total().value(), 90);
  EXPECT_EQ(overview.webhook_deliveries_total().value(), 70);
}

TEST_F(HealthTest, OverviewSaysWhenAFigureIsALowerBound) {
  service::ServerOptions options = DefaultOptions();
  options.overview_count_limit = 30;
  RestartServer(options);
  v1::ProjectOverview overview;
  ASSERT_TRUE(health_->GetProjectOverview(Context().get(), {}, &overview).ok());
  EXPECT_EQ(overview.api_calls_total().value(), 30);
  EXPECT_FALSE(overview.api_calls_total().exact());
  EXPECT_EQ(overview.api_calls_failed().value(), 12);
  EXPECT_TRUE(overview.api_calls_failed().exact());
}

TEST_F(HealthTest, OverviewReportsAFailedFigureAlongsideTheOthers) {
  sandbox::Fault fault;
  fault.path_prefix = "/platform/v1/webhook_deliveries";
  fault.status = 503;
  fault.times = -1;
  sandbox().AddFault(fault);
  v1::ProjectOverview overview;
  ASSERT_TRUE(health_->GetProjectOverview(Context().get(), {}, &overview).ok());
  EXPECT_EQ(overview.webhook_deliveries_total().error().code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_FALSE(overview.webhook_deliveries_total().exact());
  EXPECT_EQ(overview.api_calls_total().value(), 60);
  EXPECT_EQ(overview.phone_numbers_size(), 3);
}

TEST_F(HealthTest, HealthyNumberHasNoFindings) {
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(kNumber1);
  v1::PhoneNumberHealth health;
  ASSERT_TRUE(health_->CheckPhoneNumberHealth(Context().get(), request, &health).ok());
  EXPECT_EQ(health.status(), "healthy");
  EXPECT_EQ(health.findings_size(), 0);
  EXPECT_TRUE(health.checks().at("phone_number_access").passed().value());
}

TEST_F(HealthTest, DegradedAndBlockedNumbersAreReadInTriageOrder) {
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(kNumber2);
  v1::PhoneNumberHealth health;
  ASSERT_TRUE(health_->CheckPhoneNumberHealth(Context().get(), request, &health).ok());
  EXPECT_EQ(health.status(), "degraded");
  ASSERT_GT(health.findings_size(), 0);
  EXPECT_EQ(health.findings(0).check(), "messaging_health");
  EXPECT_EQ(health.findings(0).severity(), v1::SEVERITY_WARNING);
  EXPECT_EQ(health.most_actionable_entity().can_send_message(), "LIMITED");

  request.set_phone_number_id(kNumber3);
  ASSERT_TRUE(health_->CheckPhoneNumberHealth(Context().get(), request, &health).ok());
  EXPECT_EQ(health.status(), "unhealthy");
  std::vector<std::string> order;
  for (const auto& finding : health.findings()) order.push_back(finding.check());
  // The check ran in backoff (retry_after), then access, then messaging.
  ASSERT_GE(order.size(), 3u);
  EXPECT_EQ(order[0], "status");
  EXPECT_EQ(order[1], "phone_number_access");
  EXPECT_EQ(health.findings(1).severity(), v1::SEVERITY_CRITICAL);
  EXPECT_LT(std::find(order.begin(), order.end(), "phone_number_access") - order.begin(),
            std::find(order.begin(), order.end(), "messaging_health") - order.begin());
  EXPECT_EQ(health.most_actionable_entity().errors(0).error_code(), 141000);
}

TEST_F(HealthTest, StandardHealthServiceIsServing) {
  auto stub = grpc::health::v1::Health::NewStub(channel());
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(stub->Check(Context().get(), request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

}  // namespace
}  // namespace kapso::testing
