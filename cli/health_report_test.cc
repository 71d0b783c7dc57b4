#include "cli/health_report.h"

#include "gtest/gtest.h"

namespace kapso::cli {
namespace {

using kapso::ops::v1::PhoneNumberHealth;

PhoneNumberHealth Unhealthy() {
  PhoneNumberHealth h;
  h.set_status("unhealthy");
  auto& checks = *h.mutable_checks();
  checks["webhook_verified"].mutable_passed()->set_value(false);
  checks["phone_number_access"].mutable_passed()->set_value(false);
  checks["phone_number_access"].set_error("token lacks access");
  checks["messaging_health"].mutable_passed()->set_value(false);
  checks["messaging_health"].set_overall_status("BLOCKED");
  checks["token_validity"].mutable_passed()->set_value(true);
  // The server's triage order: access before messaging before webhook.
  for (auto [check, severity] :
       {std::pair{"phone_number_access", 3}, std::pair{"messaging_health", 3},
        std::pair{"webhook_verified", 2}}) {
    auto* f = h.add_findings();
    f->set_check(check);
    f->set_severity(static_cast<kapso::ops::v1::Severity>(severity));
    f->set_summary(std::string(check) + " is wrong");
  }
  auto* e = h.mutable_most_actionable_entity();
  e->set_entity_type("PHONE_NUMBER");
  e->set_id("1000000000000003");
  e->set_can_send_message("BLOCKED");
  e->add_errors()->set_error_code(141000);
  return h;
}

TEST(HealthReportTest, StatusFirstThenTriageOrder) {
  std::string text = RenderHealthReport("1000000000000003", Unhealthy());
  EXPECT_EQ(text.find("Phone number 1000000000000003: UNHEALTHY\n"), 0u) << text;
  const size_t access = text.find("1. [CRITICAL] phone_number_access");
  const size_t messaging = text.find("2. [CRITICAL] messaging_health");
  const size_t webhook = text.find("3. [WARNING] webhook_verified");
  ASSERT_NE(access, std::string::npos) << text;
  EXPECT_LT(access, messaging);
  EXPECT_LT(messaging, webhook);
  const size_t failing = text.find("Failing checks:");
  ASSERT_NE(failing, std::string::npos);
  EXPECT_LT(text.find("phone_number_access  FAIL", failing),
            text.find("messaging_health     FAIL", failing))
      << text;
  EXPECT_NE(text.find("Passing checks: token_validity"), std::string::npos);
  EXPECT_NE(text.find("Most actionable entity: PHONE_NUMBER 1000000000000003 (BLOCKED)"),
            std::string::npos);
  EXPECT_NE(text.find("error 141000"), std::string::npos);
}

TEST(HealthReportTest, HealthyHasNoFindings) {
  PhoneNumberHealth h;
  h.set_status("healthy");
  (*h.mutable_checks())["token_validity"].mutable_passed()->set_value(true);
  std::string text = RenderHealthReport("1", h);
  EXPECT_EQ(text, "Phone number 1: HEALTHY\nFindings: none\nPassing checks: token_validity\n");
}

}  // namespace
}  // namespace kapso::cli
