// Triage RPCs through gRPC, against the sandbox.

#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

using TriageTest = KapsoOpsTest;

TEST_F(TriageTest, GathersAllThreeSourcesOfErrors) {
  v1::ListMessageErrorsRequest request;
  request.set_limit(50);
  v1::ListMessageErrorsResponse response;
  ASSERT_TRUE(triage_->ListMessageErrors(Context().get(), request, &response).ok());
  EXPECT_GE(response.failed_messages().messages_size(), 5);
  for (const auto& message : response.failed_messages().messages()) {
    EXPECT_EQ(message.kapso().status(), "failed");
    EXPECT_GT(message.delivery_timeline_size(), 0);
  }
  EXPECT_EQ(response.api_errors().api_logs_size(), 12);
  for (const auto& log : response.api_errors().api_logs()) EXPECT_GE(log.response_status(), 400);
  EXPECT_EQ(response.delivery_errors().deliveries_size(), 8);
  EXPECT_FALSE(response.api_errors().has_error());
}

TEST_F(TriageTest, OneFailingSourceDoesNotFailTheOthers) {
  FailUpstream("/platform/v1/api_logs", 500, "api logs are down");
  v1::ListMessageErrorsRequest request;
  v1::ListMessageErrorsResponse response;
  ASSERT_TRUE(triage_->ListMessageErrors(Context().get(), request, &response).ok());
  ASSERT_TRUE(response.api_errors().has_error());
  EXPECT_EQ(response.api_errors().error().code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(response.api_errors().error().message(), "api logs are down");
  EXPECT_GT(response.failed_messages().messages_size(), 0);
  EXPECT_GT(response.delivery_errors().deliveries_size(), 0);
}

TEST_F(TriageTest, SourcesAreFetchedConcurrently) {
  sandbox::Fault slow;  // each source answers after 300 ms
  slow.delay_ms = 300;
  slow.times = -1;
  sandbox().AddFault(slow);
  v1::ListMessageErrorsRequest request;
  v1::ListMessageErrorsResponse response;
  absl::Time start = absl::Now();
  ASSERT_TRUE(triage_->ListMessageErrors(Context().get(), request, &response).ok());
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(800));  // not 900 ms in series
}

TEST_F(TriageTest, ListsApiLogsWithFiltersAndPeriods) {
  v1::ListApiLogsRequest request;
  request.set_errors_only(true);
  request.set_page_size(100);
  v1::ListApiLogsResponse response;
  ASSERT_TRUE(triage_->ListApiLogs(Context().get(), request, &response).ok());
  EXPECT_EQ(response.api_logs_size(), 12);
  request.set_errors_only(false);
  request.set_period(v1::PERIOD_7D);
  ASSERT_TRUE(triage_->ListApiLogs(Context().get(), request, &response).ok());
  EXPECT_EQ(response.api_logs_size(), 90);
  request.set_status_code(600);
  EXPECT_EQ(triage_->ListApiLogs(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TriageTest, ListsWebhookDeliveriesByStatusAcrossPages) {
  v1::ListWebhookDeliveriesRequest request;
  request.set_status("failed");
  request.set_page_size(5);
  v1::ListWebhookDeliveriesResponse first, second;
  ASSERT_TRUE(triage_->ListWebhookDeliveries(Context().get(), request, &first).ok());
  ASSERT_EQ(first.deliveries_size(), 5);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(triage_->ListWebhookDeliveries(Context().get(), request, &second).ok());
  EXPECT_EQ(second.deliveries_size(), 3);
  EXPECT_NE(first.deliveries(0).id(), second.deliveries(0).id());
  for (const auto& delivery : second.deliveries()) EXPECT_EQ(delivery.status(), "failed");
}

}  // namespace
}  // namespace kapso::testing
