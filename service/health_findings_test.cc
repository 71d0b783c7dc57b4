#include "service/health_findings.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kapso_client/json_mapping.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// Fixtures in the shape of Kapso's health answer (contract/kapso-api/,
// "Health"). Each is one check; Report() assembles them.
constexpr char kAccessOk[] = R"("phone_number_access": {"passed": true, "details": {
    "verified_name": "Acme", "display_phone_number": "+1 555-010-0001",
    "quality_rating": "GREEN", "status": "CONNECTED", "throughput_tier": "TIER_10K"}})";
constexpr char kAccessFailed[] = R"("phone_number_access": {"passed": false,
    "error": "Meta Graph API error: 400 - Invalid OAuth access token"})";
constexpr char kConnectionOk[] =
    R"("phone_number_connection": {"passed": true, "details": {"status": "CONNECTED"}})";
constexpr char kConnectionUnknown[] =
    R"("phone_number_connection": {"passed": null, "details": {"status": "UNKNOWN"}})";
constexpr char kConnectionDisconnected[] =
    R"("phone_number_connection": {"passed": false, "details": {"status": "DISCONNECTED"}})";
constexpr char kMessagingAvailable[] = R"("messaging_health": {"passed": true,
    "overall_status": "AVAILABLE", "details": {"can_send_message": "AVAILABLE", "entities": [
      {"entity_type": "PHONE_NUMBER", "id": "111", "can_send_message": "AVAILABLE"},
      {"entity_type": "BUSINESS", "id": "444", "can_send_message": "AVAILABLE"}]}})";
constexpr char kWebhookSubscribed[] = R"("webhook_subscription": {"passed": true,
    "details": {"app_id": "789", "subscribed": true, "subscribed_fields": ["messages"]}})";
constexpr char kWebhookVerified[] = R"("webhook_verified": {"passed": true,
    "details": {"verified_at": "2026-09-01T08:15:30Z"}})";
constexpr char kWebhookNotVerified[] = R"("webhook_verified": {"passed": false,
    "details": {"verified_at": null, "message": "Webhook not yet verified by Meta"}})";

// messaging_health with `overall` and these entity objects.
std::string Messaging(const std::string& overall, const std::vector<std::string>& entities) {
  std::string list;
  for (const std::string& e : entities) absl::StrAppend(&list, list.empty() ? "" : ",", e);
  return absl::StrCat(R"("messaging_health": {"passed": false, "overall_status": ")", overall,
                      R"(", "details": {"can_send_message": ")", overall, R"(", "entities": [)",
                      list, "]}}");
}

std::string Entity(const std::string& type, const std::string& id, const std::string& can_send,
                   const std::string& extra = "") {
  return absl::StrCat(R"({"entity_type": ")", type, R"(", "id": ")", id,
                      R"(", "can_send_message": ")", can_send, "\"", extra, "}");
}

std::string Report(const std::string& status, const std::vector<std::string>& checks,
                   const std::string& extra = "") {
  std::string joined;
  for (const std::string& c : checks) absl::StrAppend(&joined, joined.empty() ? "" : ",", c);
  return absl::StrCat(R"({"status": ")", status, R"(", "timestamp": "2026-09-17T09:12:00Z", )",
                      extra, R"("checks": {)", joined, "}}");
}

// Parses Kapso's JSON as the service does and reads it.
v1::PhoneNumberHealth Read(const std::string& json) {
  v1::PhoneNumberHealth health;
  absl::Status parsed = client::ParseKapsoJson(json, &health);
  EXPECT_TRUE(parsed.ok()) << parsed << "\n" << json;
  AddHealthFindings(health);
  return health;
}

std::vector<std::string> Checks(const v1::PhoneNumberHealth& health) {
  std::vector<std::string> checks;
  for (const auto& f : health.findings()) checks.push_back(f.check());
  return checks;
}

std::vector<v1::Severity> Severities(const v1::PhoneNumberHealth& health) {
  std::vector<v1::Severity> severities;
  for (const auto& f : health.findings()) severities.push_back(f.severity());
  return severities;
}

const std::vector<std::string> kHealthyChecks = {kAccessOk, kConnectionOk, kMessagingAvailable,
                                                 kWebhookSubscribed, kWebhookVerified};

TEST(HealthFindings, HealthyHasNone) {
  v1::PhoneNumberHealth health = Read(Report("healthy", kHealthyChecks));
  EXPECT_EQ(health.checks_size(), 5);
  EXPECT_THAT(Checks(health), ElementsAre());
  EXPECT_FALSE(health.has_most_actionable_entity());
}

TEST(HealthFindings, CheckThatFailedToRunComesFirst) {
  v1::PhoneNumberHealth health =
      Read(R"({"status": "error", "error": "Service temporarily unavailable",
               "timestamp": "2025-01-20T10:00:00Z"})");
  ASSERT_EQ(health.findings_size(), 1);
  EXPECT_EQ(health.findings(0).check(), "status");
  EXPECT_EQ(health.findings(0).severity(), v1::SEVERITY_WARNING);
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("Service temporarily unavailable"));

  health = Read(Report("error", {kAccessFailed, kWebhookNotVerified}, R"("error": null, )"));
  EXPECT_THAT(Checks(health), ElementsAre("status", "phone_number_access", "webhook_verified"));
}

TEST(HealthFindings, RetryAfterIsReported) {
  v1::PhoneNumberHealth health =
      Read(Report("unhealthy", {kAccessFailed}, R"("retry_after": "2025-01-20T18:27:45Z", )"));
  EXPECT_THAT(Checks(health), ElementsAre("status", "phone_number_access"));
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("2025-01-20T18:27:45Z"));
}

TEST(HealthFindings, BlockedWithSupportErrorAfterAccess) {
  v1::PhoneNumberHealth health =
      Read(Report("unhealthy",
                  {kAccessFailed,
                   Messaging("BLOCKED", {Entity("BUSINESS", "444", "BLOCKED"),
                                         Entity("WABA", "222", "LIMITED",
                                                R"(, "additional_info": ["Display name pending"])"),
                                         Entity("PHONE_NUMBER", "1000000000000003", "BLOCKED",
                                                R"(, "errors": [{"error_code": 141000,
                              "error_description": "Your account is restricted",
                              "possible_solution": "Contact support"}])")}),
                   kWebhookVerified}));
  EXPECT_THAT(Checks(health), ElementsAre("phone_number_access", "messaging_health"));
  EXPECT_THAT(Severities(health), ElementsAre(v1::SEVERITY_CRITICAL, v1::SEVERITY_CRITICAL));
  EXPECT_THAT(health.findings(1).summary(), HasSubstr("BLOCKED"));
  EXPECT_THAT(health.findings(1).summary(), HasSubstr("141000"));
  EXPECT_THAT(health.findings(1).summary(), HasSubstr("contact"));
  const v1::MessagingEntity& entity = health.most_actionable_entity();
  EXPECT_EQ(entity.entity_type(), "PHONE_NUMBER");
  EXPECT_EQ(entity.id(), "1000000000000003");
  ASSERT_EQ(entity.errors_size(), 1);
  EXPECT_EQ(entity.errors(0).error_code(), 141000);
  EXPECT_EQ(entity.errors(0).possible_solution(), "Contact support");
}

TEST(HealthFindings, ErrorCodeAsStringIsRead) {
  // Kapso's own example sends error_code as a string.
  v1::PhoneNumberHealth health = Read(Report(
      "unhealthy", {kAccessOk, Messaging("BLOCKED", {Entity("WABA", "556677889900112", "BLOCKED",
                                                            R"(, "errors": [{"error_code": "141006",
                                     "error_description": "Payment method error"}])")})}));
  EXPECT_EQ(health.most_actionable_entity().id(), "556677889900112");
  ASSERT_EQ(health.most_actionable_entity().errors_size(), 1);
  EXPECT_EQ(health.most_actionable_entity().errors(0).error_code(), 141006);
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("141006"));
  EXPECT_THAT(health.findings(0).summary(), ::testing::Not(HasSubstr("contact")));
}

TEST(HealthFindings, MostActionableEntity) {
  struct Case {
    const char* name;
    std::string overall;
    std::vector<std::string> entities;
    std::string picked_id;  // "" = none
  };
  const std::string info = R"(, "additional_info": ["Template sending is blocked"])";
  const std::string errors = R"(, "errors": [{"error_code": 131031}])";
  const Case cases[] = {
      {"LIMITED with info over earlier LIMITED ones",
       "LIMITED",
       {Entity("BUSINESS", "b", "LIMITED"), Entity("APP", "a", "LIMITED"),
        Entity("WABA", "w", "LIMITED", info), Entity("PHONE_NUMBER", "p", "AVAILABLE")},
       "w"},
      {"BLOCKED with errors over LIMITED with info",
       "BLOCKED",
       {Entity("PHONE_NUMBER", "p", "LIMITED", info), Entity("WABA", "w", "BLOCKED", errors)},
       "w"},
      {"BLOCKED without errors is not first choice",
       "BLOCKED",
       {Entity("WABA", "w", "BLOCKED"), Entity("PHONE_NUMBER", "p", "LIMITED", info)},
       "p"},
      {"non-BUSINESS before BUSINESS",
       "BLOCKED",
       {Entity("BUSINESS", "b", "BLOCKED"), Entity("APP", "a", "BLOCKED")},
       "a"},
      {"BUSINESS when it is the only one",
       "LIMITED",
       {Entity("PHONE_NUMBER", "p", "AVAILABLE"), Entity("BUSINESS", "b", "LIMITED")},
       "b"},
      {"no limited entity", "LIMITED", {Entity("PHONE_NUMBER", "p", "AVAILABLE")}, ""},
      {"no entities", "BLOCKED", {}, ""},
      {"AVAILABLE picks nothing", "AVAILABLE", {Entity("WABA", "w", "BLOCKED", errors)}, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::PhoneNumberHealth health =
        Read(Report("degraded", {kAccessOk, Messaging(c.overall, c.entities)}));
    EXPECT_EQ(health.has_most_actionable_entity(), !c.picked_id.empty());
    EXPECT_EQ(health.most_actionable_entity().id(), c.picked_id);
  }
}

TEST(HealthFindings, LimitedIsWarningAndUnverifiedWebhookFollows) {
  v1::PhoneNumberHealth health = Read(
      Report("degraded",
             {kWebhookNotVerified, kAccessOk,
              Messaging("LIMITED", {Entity("PHONE_NUMBER", "1234567890", "LIMITED",
                                           R"(, "additional_info": ["Payment method issue"])")}),
              kWebhookSubscribed}));
  EXPECT_THAT(Checks(health), ElementsAre("messaging_health", "webhook_verified"));
  EXPECT_THAT(Severities(health), ElementsAre(v1::SEVERITY_WARNING, v1::SEVERITY_WARNING));
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("LIMITED"));
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("1234567890"));
}

TEST(HealthFindings, DisconnectedNumberIsCritical) {
  v1::PhoneNumberHealth health =
      Read(Report("unhealthy", {kAccessOk, kConnectionDisconnected, kMessagingAvailable,
                                kWebhookSubscribed, kWebhookVerified}));
  EXPECT_THAT(Checks(health), ElementsAre("phone_number_connection"));
  EXPECT_EQ(health.findings(0).severity(), v1::SEVERITY_CRITICAL);
  EXPECT_THAT(health.findings(0).summary(), HasSubstr("DISCONNECTED"));
}

TEST(HealthFindings, QualityAndReviewStatus) {
  struct Case {
    const char* quality;
    const char* status;
    std::vector<std::string> checks;
    std::vector<v1::Severity> severities;
  };
  const Case cases[] = {
      {"GREEN", "CONNECTED", {}, {}},
      {"RED", "CONNECTED", {"quality_rating"}, {v1::SEVERITY_WARNING}},
      {"YELLOW", "CONNECTED", {"quality_rating"}, {v1::SEVERITY_INFO}},
      {"GREEN", "PENDING", {"phone_number_status"}, {v1::SEVERITY_INFO}},
      {"RED",
       "PENDING",
       {"quality_rating", "phone_number_status"},
       {v1::SEVERITY_WARNING, v1::SEVERITY_INFO}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.quality, " ", c.status));
    std::string access =
        absl::StrCat(R"("phone_number_access": {"passed": true, "details": {"quality_rating": ")",
                     c.quality, R"(", "status": ")", c.status, R"("}})");
    v1::PhoneNumberHealth health = Read(Report("healthy", {access, kConnectionOk}));
    EXPECT_THAT(Checks(health), ElementsAreArray(c.checks));
    EXPECT_THAT(Severities(health), ElementsAreArray(c.severities));
  }
}

TEST(HealthFindings, UnknownFailedChecksReportedAndNullsIgnored) {
  v1::PhoneNumberHealth health =
      Read(Report("degraded", {kAccessOk, kConnectionUnknown, kMessagingAvailable,
                               R"("zz_billing": {"passed": false, "error": "card declined"})",
                               R"("aa_display_name": {"passed": false})",
                               R"("mystery": {"passed": null, "details": {}})",
                               R"("token_validity": {"passed": null})"}));
  EXPECT_THAT(Checks(health), ElementsAre("aa_display_name", "zz_billing"));
  EXPECT_THAT(health.findings(1).summary(), HasSubstr("card declined"));
  EXPECT_EQ(health.findings(1).severity(), v1::SEVERITY_WARNING);
}

TEST(HealthFindings, TriageOrderWhenEverythingFails) {
  v1::PhoneNumberHealth health =
      Read(Report("error",
                  {R"("zz_other": {"passed": false})", R"("test_message": {"passed": false})",
                   R"("webhook_subscription": {"passed": false})", kWebhookNotVerified,
                   Messaging("BLOCKED", {Entity("PHONE_NUMBER", "p", "BLOCKED")}),
                   R"("token_validity": {"passed": false})", kConnectionDisconnected,
                   R"("phone_number_access": {"passed": false, "details": {"quality_rating": "RED",
            "status": "PENDING"}})"},
                  R"("retry_after": "2026-09-17T09:17:00Z", )"));
  EXPECT_THAT(
      Checks(health),
      ElementsAre("status", "status", "phone_number_access", "phone_number_connection",
                  "token_validity", "messaging_health", "webhook_verified", "webhook_subscription",
                  "test_message", "zz_other", "quality_rating", "phone_number_status"));
}

TEST(HealthFindings, RereadingReplacesEarlierFindings) {
  v1::PhoneNumberHealth health = Read(
      Report("unhealthy", {kAccessFailed, Messaging("BLOCKED", {Entity("WABA", "w", "BLOCKED")})}));
  const std::string first = health.SerializeAsString();
  AddHealthFindings(health);
  EXPECT_EQ(health.findings_size(), 2);
  EXPECT_EQ(health.SerializeAsString(), first);

  // A later healthy result clears what an earlier one found.
  (*health.mutable_checks())["phone_number_access"].mutable_passed()->set_value(true);
  (*health.mutable_checks())["messaging_health"].set_overall_status("AVAILABLE");
  AddHealthFindings(health);
  EXPECT_EQ(health.findings_size(), 0);
  EXPECT_FALSE(health.has_most_actionable_entity());
}

}  // namespace
}  // namespace kapso::service
