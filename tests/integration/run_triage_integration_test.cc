// Triage.RunTriage through gRPC against the sandbox (both on 127.0.0.1 port
// 0): every category of finding from the seed, a failing source, scoping by
// number, records that appear over time, the upstream call budget.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/integration/test_env.h"

namespace kapso::testing {
namespace {

using RunTriageTest = KapsoOpsTest;

v1::TriageReport Triage(v1::Triage::Stub& stub, const v1::RunTriageRequest& request) {
  v1::TriageReport report;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  grpc::Status status = stub.RunTriage(&context, request, &report);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return report;
}

const v1::Finding* Find(const v1::TriageReport& report, const std::string& code,
                        const std::string& entity_id = "") {
  for (const auto& f : report.findings()) {
    if (f.code() == code && (entity_id.empty() || f.entity().id() == entity_id)) return &f;
  }
  return nullptr;
}

TEST_F(RunTriageTest, ProjectTriageFindsEveryCategoryRanked) {
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  ASSERT_EQ(report.sources_size(), 4);
  for (const auto& source : report.sources()) EXPECT_FALSE(source.has_error()) << source.name();
  EXPECT_EQ(report.sources(0).items_read(), 3);  // three numbers checked
  // Numbers: the blocked one first, the degraded one, never the healthy one.
  EXPECT_EQ(report.findings(0).entity().id(), kNumber3);
  EXPECT_EQ(report.findings(0).severity(), v1::FINDING_SEVERITY_CRITICAL);
  EXPECT_EQ(Find(report, "number:degraded", kNumber2)->severity(), v1::FINDING_SEVERITY_HIGH);
  EXPECT_EQ(Find(report, "number:healthy"), nullptr);
  // Messages, by Meta code, explained from the catalog.
  const v1::Finding* window = Find(report, "meta_error:131047");
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(window->evidence().count(), 2);
  EXPECT_NE(window->remediation().find("template"), std::string::npos);
  EXPECT_EQ(Find(report, "meta_error:131026")->evidence().count(), 2);
  EXPECT_EQ(Find(report, "meta_error:131049")->evidence().count(), 1);
  // Webhooks: by webhook and outcome, timeouts included, activity known.
  const v1::Finding* inactive = nullptr;
  for (const auto& f : report.findings()) {
    if (f.category() == v1::FINDING_CATEGORY_WEBHOOKS &&
        f.entity().id() == "0a000000-0000-4000-8000-000000000002") {
      inactive = &f;
    }
  }
  ASSERT_NE(inactive, nullptr);
  EXPECT_EQ(inactive->evidence().facts().at("webhook_active"), "false");
  EXPECT_EQ(inactive->severity(), v1::FINDING_SEVERITY_LOW);
  ASSERT_NE(Find(report, "webhook:no_response"), nullptr);
  EXPECT_GT(Find(report, "webhook:no_response")->evidence().total(), 0);
  // API errors, by status and endpoint.
  const v1::Finding* auth = Find(report, "api:401");
  ASSERT_NE(auth, nullptr);
  EXPECT_EQ(auth->evidence().facts().at("class"), "auth");
  EXPECT_NE(Find(report, "api:429"), nullptr);
  EXPECT_NE(Find(report, "api:503"), nullptr);
  for (int i = 1; i < report.findings_size(); ++i) {  // ranked
    EXPECT_GE(report.findings(i - 1).severity(), report.findings(i).severity());
  }
}

TEST_F(RunTriageTest, AFailingSourceIsAFindingAndTheOthersStillAnswer) {
  FailUpstream("/platform/v1/api_logs", 500, "api logs are down");
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* source = Find(report, "source:api");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->category(), v1::FINDING_CATEGORY_SOURCE_ERROR);
  EXPECT_EQ(source->evidence().ids(0), "KAPSO_UNAVAILABLE");
  EXPECT_NE(source->detail().find("api logs are down"), std::string::npos);
  EXPECT_EQ(report.sources(3).error().code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(Find(report, "meta_error:131047"), nullptr);
  EXPECT_NE(Find(report, "number:unhealthy", kNumber3), nullptr);
  EXPECT_EQ(Find(report, "api:401"), nullptr);
}

TEST_F(RunTriageTest, AFailingWebhookListLeavesActivityUnknown) {
  sandbox::Fault fault;
  fault.method = "GET";
  fault.path_prefix = "/platform/v1/whatsapp/webhooks";
  fault.status = 503;
  fault.times = -1;
  sandbox().AddFault(fault);
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* list = Find(report, "source:webhook_list");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->evidence().facts().at("grpc_code"), "UNAVAILABLE");
  const v1::Finding* timeouts = Find(report, "webhook:no_response");
  ASSERT_NE(timeouts, nullptr);
  EXPECT_EQ(timeouts->evidence().facts().at("webhook_active"), "unknown");
  EXPECT_FALSE(report.sources(2).complete());
  EXPECT_FALSE(report.sources(2).has_error());  // the deliveries were read
}

TEST_F(RunTriageTest, OneNumbersFailedHealthIsItsOwnFinding) {
  sandbox::Fault fault;
  fault.method = "GET";
  fault.path_prefix = "/platform/v1/whatsapp/phone_numbers/1000000000000002/health";
  fault.status = 500;
  fault.times = -1;
  sandbox().AddFault(fault);
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* failed = Find(report, "source:health", kNumber2);
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->category(), v1::FINDING_CATEGORY_SOURCE_ERROR);
  EXPECT_NE(Find(report, "number:unhealthy", kNumber3), nullptr);
  EXPECT_FALSE(report.sources(0).complete());
}

TEST_F(RunTriageTest, SourcesRunConcurrently) {
  sandbox::Fault slow;
  slow.delay_ms = 300;
  slow.times = -1;
  sandbox().AddFault(slow);
  absl::Time start = absl::Now();
  Triage(*triage_, v1::RunTriageRequest());
  // In series: list, 3 health checks, messages, deliveries, webhooks, logs = 2.4 s.
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1500));
}

TEST_F(RunTriageTest, ScopedToANumberWrittenAsPeopleWriteIt) {
  v1::RunTriageRequest request;
  request.set_phone_number("+1 (555) 010-0002");
  v1::TriageReport report = Triage(*triage_, request);
  EXPECT_EQ(report.phone_number_id(), kNumber2);
  for (const auto& f : report.findings()) {
    if (f.category() == v1::FINDING_CATEGORY_NUMBER) {
      EXPECT_EQ(f.entity().id(), kNumber2);
    }
    if (f.category() == v1::FINDING_CATEGORY_MESSAGES) {
      EXPECT_EQ(f.evidence().facts().at("phone_number_ids"), kNumber2);
    }
    if (f.category() == v1::FINDING_CATEGORY_WEBHOOKS) {
      EXPECT_EQ(f.entity().id(), "0a000000-0000-4000-8000-000000000004");
    }
  }
  EXPECT_NE(Find(report, "number:degraded", kNumber2), nullptr);
  EXPECT_EQ(report.sources(0).items_read(), 1);
}

nlohmann::json ApiLog(const std::string& id, int status, absl::Time at) {
  return {{"id", id},
          {"endpoint", "/platform/v1/whatsapp/conversations"},
          {"http_method", "GET"},
          {"response_status", status},
          {"response_time_ms", 12.5},
          {"ip_address", "203.0.113.10"},
          {"error_message", "Invalid API key"},
          {"created_at", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", at, absl::UTCTimeZone())},
          {"api_key_id", "6b000000-0000-4000-8000-000000000009"},
          {"api_key_name", "Old key"}};
}

TEST_F(RunTriageTest, NewErrorsAppearingOverTimeAreCounted) {
  const std::string endpoint = "GET /platform/v1/whatsapp/conversations";
  v1::TriageReport before = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* old = Find(before, "api:401", endpoint);
  int64_t count = old == nullptr ? 0 : old->evidence().count();
  absl::Time now = absl::Now();
  ASSERT_TRUE(sandbox()
                  .AddRecord("api_logs", ApiLog("a9000000-0000-4000-8000-000000000001", 401, now))
                  .ok());
  ASSERT_TRUE(sandbox()
                  .AddRecord("api_logs", ApiLog("a9000000-0000-4000-8000-000000000002", 401, now))
                  .ok());
  v1::TriageReport after = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* grown = Find(after, "api:401", endpoint);
  ASSERT_NE(grown, nullptr);
  EXPECT_EQ(grown->evidence().count(), count + 2);
  EXPECT_EQ(grown->evidence().ids(0).substr(0, 4), "a900");  // newest first
  EXPECT_EQ(grown->evidence().facts().at("api_keys").find("Old key") != std::string::npos, true);
}

TEST_F(RunTriageTest, DuplicateDisplayNumbersAreAFinding) {
  nlohmann::json twin = {{"id", "1000000000000009"},
                         {"phone_number_id", "1000000000000009"},
                         {"name", "Acme Support (old)"},
                         {"display_phone_number", "+1 555-010-0001"},
                         {"business_account_id", "2000000000000001"},
                         {"status", "CONNECTED"},
                         {"quality_rating", "GREEN"}};
  ASSERT_TRUE(sandbox().AddRecord("phone_numbers", twin).ok());
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  const v1::Finding* dup = Find(report, "number:duplicate_display", "15550100001");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->evidence().count(), 2);
  EXPECT_EQ(dup->severity(), v1::FINDING_SEVERITY_MEDIUM);
  v1::RunTriageRequest ambiguous;
  ambiguous.set_phone_number("+1 555-010-0001");
  v1::TriageReport unused;
  grpc::Status status = triage_->RunTriage(Context().get(), ambiguous, &unused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(status).reason, "PHONE_NUMBER_AMBIGUOUS");
}

TEST_F(RunTriageTest, StaysWithinTheUpstreamCallBudget) {
  service::ServerOptions options = DefaultOptions();
  options.max_upstream_calls_per_rpc = 4;
  RestartServer(options);
  int64_t before = sandbox().TotalRequests();
  v1::TriageReport report = Triage(*triage_, v1::RunTriageRequest());
  EXPECT_LE(sandbox().TotalRequests() - before, 4);
  std::set<std::string> refused;
  for (const auto& f : report.findings()) {
    if (f.category() == v1::FINDING_CATEGORY_SOURCE_ERROR) refused.insert(f.evidence().ids(0));
  }
  EXPECT_EQ(refused, std::set<std::string>{"UPSTREAM_CALL_LIMIT"});
  EXPECT_GT(report.findings_size(), 1);  // what was read is still reported
}

TEST_F(RunTriageTest, RefusesBadRequestsBeforeAnyUpstreamCall) {
  v1::RunTriageRequest request;
  request.set_phone_number("+1 555-010-0001");
  request.set_phone_number_id(kNumber1);
  request.set_limit(500);
  v1::TriageReport report;
  int64_t before = sandbox().TotalRequests();
  grpc::Status status = triage_->RunTriage(Context().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).bad_fields, (std::vector<std::string>{"limit", "phone_number"}));
  EXPECT_EQ(sandbox().TotalRequests(), before);
}

}  // namespace
}  // namespace kapso::testing
