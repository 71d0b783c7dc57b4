#include "cli/triage_report.h"

#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

v1::TriageReport Report() {
  v1::TriageReport report;
  report.set_period(v1::PERIOD_7D);
  auto* f = report.add_findings();
  f->set_severity(v1::FINDING_SEVERITY_CRITICAL);
  f->set_category(v1::FINDING_CATEGORY_NUMBER);
  f->set_title("number Acme Alerts (+1 555-010-0003) is unhealthy");
  f->set_remediation("check the access token");
  f->mutable_entity()->set_id("1000000000000003");
  f->mutable_entity()->set_name("Acme Alerts (+1 555-010-0003)");
  f->mutable_evidence()->set_count(4);
  f->mutable_evidence()->add_ids("phone_number_access");
  auto* g = report.add_findings();
  g->set_severity(v1::FINDING_SEVERITY_LOW);
  g->set_category(v1::FINDING_CATEGORY_WEBHOOKS);
  g->set_title(std::string(100, 'x'));
  g->set_remediation("delete it");
  g->mutable_entity()->set_id("0a000000-0000-4000-8000-000000000002");
  g->mutable_evidence()->set_count(2);
  g->mutable_evidence()->mutable_first_seen()->set_seconds(1'800'000'000);
  auto* numbers = report.add_sources();
  numbers->set_name("numbers");
  numbers->set_items_read(3);
  numbers->set_complete(true);
  auto* api = report.add_sources();
  api->set_name("api");
  api->mutable_error()->set_message("api logs are down");
  return report;
}

TEST(TriageReport, HeadlineTableRemediesAndSources) {
  std::string text = RenderTriageReport(Report());
  EXPECT_EQ(text.rfind("Triage of the project, last 7d: 2 findings (1 critical, 1 low)\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("#  SEVERITY  WHAT"), std::string::npos) << text;
  EXPECT_NE(text.find("1  CRITICAL  number"), std::string::npos) << text;
  EXPECT_NE(text.find("2  LOW       webhooks"), std::string::npos) << text;
  EXPECT_NE(text.find("2027-01-15 08:00"), std::string::npos) << text;  // since
  EXPECT_EQ(text.find(std::string(56, 'x')), std::string::npos);        // cut
  EXPECT_NE(text.find(std::string(53, 'x') + "..."), std::string::npos);
  EXPECT_NE(text.find("  1. check the access token\n     evidence: phone_number_access"),
            std::string::npos);
  EXPECT_NE(text.find("numbers 3, api FAILED (api logs are down)"), std::string::npos) << text;
}

TEST(TriageReport, NothingToDo) {
  v1::TriageReport report;
  report.set_phone_number_id("1000000000000001");
  std::string text = RenderTriageReport(report);
  EXPECT_NE(text.find("Triage of phone number 1000000000000001, last 24h: 0 findings"),
            std::string::npos);
  EXPECT_NE(text.find("Nothing needs attention."), std::string::npos);
}

}  // namespace
}  // namespace kapso::cli
