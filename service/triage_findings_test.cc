// RunTriage's pure pieces: grouping, evidence bounds, severities, ranking.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "kapso_client/status_details.h"
#include "service/delivery_timeline.h"
#include "service/triage_api.h"
#include "service/triage_evidence.h"
#include "service/triage_messages.h"
#include "service/triage_numbers.h"
#include "service/triage_request.h"
#include "service/triage_webhooks.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

v1::Message FailedMessage(const std::string& id, std::vector<int> codes, absl::Time at,
                          const std::string& to = "15550100101") {
  v1::Message m;
  m.set_id(id);
  m.set_to(to);
  m.set_timestamp(std::to_string(absl::ToUnixSeconds(at)));
  m.mutable_kapso()->set_status("failed");
  m.mutable_kapso()->set_phone_number_id("1000000000000001");
  v1::DeliveryEvent* event = m.add_delivery_timeline();
  event->set_status("failed");
  for (int code : codes) event->add_errors()->set_code(code);
  return m;
}

const v1::Finding* ByCode(const std::vector<v1::Finding>& findings, const std::string& code) {
  for (const auto& f : findings) {
    if (f.code() == code) return &f;
  }
  return nullptr;
}

TEST(TriageMessages, GroupsByMetaCodeWithCatalogRemediation) {
  google::protobuf::RepeatedPtrField<v1::Message> messages;
  *messages.Add() = FailedMessage("wamid.3", {131047}, kNow - absl::Minutes(1));
  *messages.Add() = FailedMessage("wamid.2", {131047}, kNow - absl::Minutes(5), "15550100102");
  *messages.Add() = FailedMessage("wamid.1", {131026, 131047}, kNow - absl::Minutes(9));
  *messages.Add() = FailedMessage("wamid.old", {131047}, kNow - absl::Hours(30));
  auto findings = MessageErrorFindings(messages, kNow - absl::Hours(24));
  ASSERT_EQ(findings.size(), 2u);
  const v1::Finding* window = ByCode(findings, "meta_error:131047");
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(window->evidence().count(), 3);  // the 30-hour-old one is outside the window
  EXPECT_EQ(window->severity(), v1::FINDING_SEVERITY_HIGH);
  EXPECT_EQ(window->category(), v1::FINDING_CATEGORY_MESSAGES);
  EXPECT_NE(window->remediation().find("template"), std::string::npos);
  EXPECT_EQ(window->evidence().ids(0), "wamid.3");
  EXPECT_EQ(window->evidence().first_seen().seconds(),
            absl::ToUnixSeconds(kNow - absl::Minutes(9)));
  EXPECT_EQ(window->evidence().last_seen().seconds(), absl::ToUnixSeconds(kNow - absl::Minutes(1)));
  EXPECT_EQ(window->evidence().facts().at("recipients"), "2");
  EXPECT_EQ(ByCode(findings, "meta_error:131026")->evidence().count(), 1);
}

TEST(TriageMessages, EvidenceIdsAreBounded) {
  google::protobuf::RepeatedPtrField<v1::Message> messages;
  for (int i = 0; i < 40; ++i) {
    *messages.Add() = FailedMessage("wamid." + std::to_string(i), {130429}, kNow);
  }
  auto findings = MessageErrorFindings(messages, kNow - absl::Hours(1));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].evidence().count(), 40);
  EXPECT_EQ(findings[0].evidence().ids_size(), EvidenceBuilder::kMaxIds);
  EXPECT_EQ(findings[0].severity(), v1::FINDING_SEVERITY_MEDIUM);  // a warning: throughput
}

TEST(TriageMessages, CriticalCodesAndMessagesWithoutCode) {
  google::protobuf::RepeatedPtrField<v1::Message> messages;
  *messages.Add() = FailedMessage("wamid.a", {131042}, kNow);
  *messages.Add() = FailedMessage("wamid.b", {}, kNow);
  auto findings = MessageErrorFindings(messages, kNow - absl::Hours(1));
  EXPECT_EQ(ByCode(findings, "meta_error:131042")->severity(), v1::FINDING_SEVERITY_CRITICAL);
  const v1::Finding* uncoded = ByCode(findings, "meta_error:0");
  ASSERT_NE(uncoded, nullptr);
  EXPECT_NE(uncoded->remediation().find("messages get"), std::string::npos);
}

v1::WebhookDelivery Delivery(const std::string& id, const std::string& webhook,
                             const std::string& status, int http, absl::Time at) {
  v1::WebhookDelivery d;
  d.set_id(id);
  d.set_webhook_id(webhook);
  d.set_webhook_url("https://" + webhook + ".example/hook");
  d.set_event("whatsapp.message.received");
  d.set_status(status);
  d.set_response_status(http);
  d.mutable_failed_at()->set_seconds(absl::ToUnixSeconds(at));
  return d;
}

TEST(TriageWebhooks, GroupsByWebhookAndOutcomeWithRateAndActivity) {
  google::protobuf::RepeatedPtrField<v1::WebhookDelivery> ds;
  *ds.Add() = Delivery("d1", "live", "failed", 500, kNow - absl::Minutes(1));
  *ds.Add() = Delivery("d2", "live", "failed", 500, kNow - absl::Minutes(30));
  *ds.Add() = Delivery("d3", "live", "failed", 0, kNow - absl::Minutes(40));
  *ds.Add() = Delivery("d4", "live", "delivered", 200, kNow);
  *ds.Add() = Delivery("d5", "off", "failed", 410, kNow);
  *ds.Add() = Delivery("d6", "gone", "failed", 500, kNow);
  std::map<std::string, WebhookState> states = {{"live", {true, true, "https://live", ""}},
                                                {"off", {true, false, "https://off", ""}}};
  auto findings = WebhookDeliveryFindings(ds, states);
  ASSERT_EQ(findings.size(), 4u);
  const v1::Finding* live500 = nullptr;
  const v1::Finding* gone = nullptr;  // not in `states`: deleted, or the list failed
  for (const auto& f : findings) {
    if (f.entity().id() == "live" && f.code() == "webhook:http_500") live500 = &f;
    if (f.entity().id() == "gone") gone = &f;
  }
  ASSERT_NE(live500, nullptr);
  EXPECT_EQ(live500->evidence().count(), 2);
  EXPECT_EQ(live500->evidence().total(), 4);
  EXPECT_DOUBLE_EQ(live500->evidence().rate(), 0.5);
  EXPECT_EQ(live500->severity(), v1::FINDING_SEVERITY_HIGH);
  EXPECT_EQ(live500->evidence().facts().at("webhook_active"), "true");
  EXPECT_EQ(live500->entity().name(), "https://live");
  EXPECT_EQ(live500->evidence().first_seen().seconds(),
            absl::ToUnixSeconds(kNow - absl::Minutes(30)));
  EXPECT_NE(ByCode(findings, "webhook:no_response"), nullptr);
  const v1::Finding* off = ByCode(findings, "webhook:http_410");
  EXPECT_EQ(off->severity(), v1::FINDING_SEVERITY_LOW);
  EXPECT_NE(off->remediation().find("inactive"), std::string::npos);
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->evidence().facts().at("webhook_active"), "unknown");
  EXPECT_EQ(gone->severity(), v1::FINDING_SEVERITY_HIGH);  // 1 of 1 failed
}

TEST(TriageApi, EndpointTemplateReplacesIds) {
  EXPECT_EQ(EndpointTemplate("/platform/v1/whatsapp/phone_numbers/1000000000000002/health"),
            "/platform/v1/whatsapp/phone_numbers/{id}/health");
  EXPECT_EQ(EndpointTemplate("/platform/v1/whatsapp/webhooks/0a000000-0000-4000-8000-000000000001"),
            "/platform/v1/whatsapp/webhooks/{id}");
  EXPECT_EQ(EndpointTemplate("/platform/v1/whatsapp/messages/wamid.ABC?x=1"),
            "/platform/v1/whatsapp/messages/{id}");
  EXPECT_EQ(EndpointTemplate("/platform/v1/api_logs"), "/platform/v1/api_logs");
}

v1::ApiLog Log(const std::string& id, int status, const std::string& path, absl::Time at) {
  v1::ApiLog log;
  log.set_id(id);
  log.set_response_status(status);
  log.set_http_method("GET");
  log.set_endpoint(path);
  log.set_error_message("error " + id);
  log.mutable_created_at()->set_seconds(absl::ToUnixSeconds(at));
  return log;
}

TEST(TriageApi, GroupsByStatusAndEndpointWithClasses) {
  google::protobuf::RepeatedPtrField<v1::ApiLog> logs;
  *logs.Add() = Log("l1", 401, "/platform/v1/whatsapp/phone_numbers/1/health", kNow);
  *logs.Add() =
      Log("l2", 401, "/platform/v1/whatsapp/phone_numbers/2/health", kNow - absl::Hours(1));
  *logs.Add() = Log("l3", 429, "/platform/v1/whatsapp/messages", kNow);
  *logs.Add() = Log("l4", 503, "/platform/v1/whatsapp/messages", kNow);
  *logs.Add() = Log("l5", 422, "/platform/v1/whatsapp/messages", kNow);
  *logs.Add() = Log("l6", 200, "/platform/v1/whatsapp/messages", kNow);
  auto findings = ApiErrorFindings(logs);
  ASSERT_EQ(findings.size(), 4u);
  const v1::Finding* auth = ByCode(findings, "api:401");
  EXPECT_EQ(auth->evidence().count(), 2);
  EXPECT_EQ(auth->entity().id(), "GET /platform/v1/whatsapp/phone_numbers/{id}/health");
  EXPECT_EQ(auth->severity(), v1::FINDING_SEVERITY_HIGH);
  EXPECT_EQ(auth->evidence().facts().at("class"), "auth");
  EXPECT_NE(auth->detail().find("error l1"), std::string::npos);  // the newest error
  EXPECT_EQ(ByCode(findings, "api:429")->evidence().facts().at("class"), "rate limit");
  EXPECT_EQ(ByCode(findings, "api:503")->evidence().facts().at("class"), "upstream failure");
  EXPECT_EQ(ByCode(findings, "api:422")->severity(), v1::FINDING_SEVERITY_LOW);
}

v1::PhoneNumber Number(const std::string& id, const std::string& display) {
  v1::PhoneNumber n;
  n.set_phone_number_id(id);
  n.set_name("Acme " + id);
  n.set_display_phone_number(display);
  return n;
}

TEST(TriageNumbers, PlainlyHealthyIsNoFinding) {
  v1::PhoneNumberHealth health;
  health.set_status("healthy");
  EXPECT_FALSE(NumberHealthFinding(Number("1", "+1 555"), health).has_value());
  health.add_findings()->set_severity(v1::SEVERITY_INFO);
  auto info = NumberHealthFinding(Number("1", "+1 555"), health);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->severity(), v1::FINDING_SEVERITY_INFO);
}

TEST(TriageNumbers, UnhealthyIsCriticalWithTheReadingsFirstFindingAsRemedy) {
  v1::PhoneNumberHealth health;
  health.set_status("unhealthy");
  health.mutable_timestamp()->set_seconds(absl::ToUnixSeconds(kNow));
  auto* first = health.add_findings();
  first->set_check("phone_number_access");
  first->set_severity(v1::SEVERITY_CRITICAL);
  first->set_summary("check the access token");
  auto* second = health.add_findings();
  second->set_check("webhook_verified");
  second->set_severity(v1::SEVERITY_WARNING);
  second->set_summary("webhook not verified");
  auto f = NumberHealthFinding(Number("3", "+1 555-010-0003"), health);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->severity(), v1::FINDING_SEVERITY_CRITICAL);
  EXPECT_EQ(f->remediation(), "check the access token");
  EXPECT_EQ(f->entity().id(), "3");
  EXPECT_EQ(f->entity().name(), "Acme 3 (+1 555-010-0003)");
  EXPECT_EQ(f->evidence().count(), 2);
  EXPECT_EQ(f->evidence().ids(0), "phone_number_access");
  EXPECT_EQ(f->evidence().last_seen().seconds(), absl::ToUnixSeconds(kNow));
}

TEST(TriageNumbers, RemedyIsTheFirstMostSevereFinding) {
  v1::PhoneNumberHealth health;
  health.set_status("unhealthy");
  auto* note = health.add_findings();
  note->set_severity(v1::SEVERITY_WARNING);
  note->set_summary("access errors: Kapso re-checks later");
  auto* access = health.add_findings();
  access->set_severity(v1::SEVERITY_CRITICAL);
  access->set_summary("check the access token");
  EXPECT_EQ(NumberHealthFinding(Number("3", "x"), health)->remediation(), "check the access token");
}

TEST(TriageNumbers, AnUnlistedNumberIsNamedByItsId) {
  v1::PhoneNumber unlisted;
  unlisted.set_phone_number_id("1000000000000042");
  v1::PhoneNumberHealth health;
  health.set_status("error");
  auto f = NumberHealthFinding(unlisted, health);
  EXPECT_EQ(f->title(), "number 1000000000000042 is error");
  EXPECT_EQ(f->severity(), v1::FINDING_SEVERITY_MEDIUM);
}

TEST(TriageNumbers, DegradedIsHigh) {
  v1::PhoneNumberHealth health;
  health.set_status("degraded");
  health.add_findings()->set_severity(v1::SEVERITY_WARNING);
  EXPECT_EQ(NumberHealthFinding(Number("2", "x"), health)->severity(), v1::FINDING_SEVERITY_HIGH);
}

TEST(TriageNumbers, DuplicateDisplayNumbers) {
  std::vector<v1::PhoneNumber> numbers = {
      Number("1", "+1 555-010-0001"), Number("4", "15550100001"), Number("2", "+1 555-010-0002")};
  auto findings = DuplicateDisplayFindings(numbers);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].entity().id(), "15550100001");
  EXPECT_EQ(findings[0].evidence().count(), 2);
  EXPECT_EQ(findings[0].evidence().ids(1), "4");
  EXPECT_EQ(findings[0].severity(), v1::FINDING_SEVERITY_MEDIUM);
}

TEST(TriageRanking, SeverityThenCountThenStableKeys) {
  std::vector<v1::Finding> findings(4);
  findings[0].set_severity(v1::FINDING_SEVERITY_MEDIUM);
  findings[0].mutable_evidence()->set_count(50);
  findings[1].set_severity(v1::FINDING_SEVERITY_CRITICAL);
  findings[1].mutable_evidence()->set_count(1);
  findings[2].set_severity(v1::FINDING_SEVERITY_MEDIUM);
  findings[2].mutable_evidence()->set_count(70);
  findings[2].set_code("b");
  findings[3] = findings[2];
  findings[3].set_code("a");
  RankFindings(findings);
  EXPECT_EQ(findings[0].severity(), v1::FINDING_SEVERITY_CRITICAL);
  EXPECT_EQ(findings[1].code(), "a");
  EXPECT_EQ(findings[2].code(), "b");
  EXPECT_EQ(findings[3].evidence().count(), 50);
}

TEST(TriageSourceError, CarriesReasonAndCode) {
  SecretRedactor redactor({"secret"});
  absl::Status status =
      client::MakeError(absl::StatusCode::kUnavailable, "down, key secret", "KAPSO_UNAVAILABLE");
  v1::Finding f = SourceErrorFinding("messages", status, redactor);
  EXPECT_EQ(f.category(), v1::FINDING_CATEGORY_SOURCE_ERROR);
  EXPECT_EQ(f.code(), "source:messages");
  EXPECT_EQ(f.evidence().ids(0), "KAPSO_UNAVAILABLE");
  EXPECT_EQ(f.evidence().facts().at("grpc_code"), "UNAVAILABLE");
  EXPECT_EQ(f.detail().find("secret"), std::string::npos);
}

TEST(TriageRequest, Validation) {
  v1::RunTriageRequest r;
  EXPECT_TRUE(ValidateRunTriage(r).ok());
  r.set_phone_number("+1 555-010-0001");
  EXPECT_TRUE(ValidateRunTriage(r).ok());
  r.set_phone_number_id("1000000000000001");
  EXPECT_EQ(ValidateRunTriage(r).code(), absl::StatusCode::kInvalidArgument);  // both
  r.clear_phone_number_id();
  r.set_phone_number("abc");
  EXPECT_EQ(ValidateRunTriage(r).code(), absl::StatusCode::kInvalidArgument);
  r.clear_phone_number();
  r.set_limit(101);
  EXPECT_EQ(ValidateRunTriage(r).code(), absl::StatusCode::kInvalidArgument);
}

TEST(TriageRequest, ScopeDefaults) {
  v1::RunTriageRequest r;
  TriageScope scope = ScopeOf(r, kNow);
  EXPECT_EQ(scope.period, v1::PERIOD_24H);
  EXPECT_EQ(scope.limit, 100);
  EXPECT_EQ(scope.since, kNow - absl::Hours(24));
  r.set_period(v1::PERIOD_7D);
  EXPECT_EQ(ScopeOf(r, kNow).since, kNow - absl::Hours(24 * 7));
}

}  // namespace
}  // namespace kapso::service
