#include "service/health_findings.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "kapso_client/json_mapping.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
using google::protobuf::util::TimeUtil;

void Add(v1::PhoneNumberHealth& health, const std::string& check, v1::Severity severity,
         std::string summary) {
  v1::HealthFinding* finding = health.add_findings();
  finding->set_check(check);
  finding->set_severity(severity);
  finding->set_summary(std::move(summary));
}

const v1::HealthCheck* Find(const v1::PhoneNumberHealth& health, const std::string& name) {
  auto it = health.checks().find(name);
  return it == health.checks().end() ? nullptr : &it->second;
}

bool Failed(const v1::HealthCheck* check) {
  return check != nullptr && check->has_passed() && !check->passed().value();
}

std::string Detail(const v1::HealthCheck* check, const std::string& key) {
  if (check == nullptr) return "";
  auto it = check->details().fields().find(key);
  return it == check->details().fields().end() ? "" : it->second.string_value();
}

std::vector<v1::MessagingEntity> Entities(const v1::HealthCheck& check) {
  std::vector<v1::MessagingEntity> entities;
  auto it = check.details().fields().find("entities");
  if (it == check.details().fields().end()) return entities;
  for (const auto& value : it->second.list_value().values()) {
    v1::MessagingEntity entity;
    auto json = client::ToKapsoJson(value.struct_value());
    if (json.ok() && client::ParseKapsoJson(*json, &entity).ok()) entities.push_back(entity);
  }
  return entities;
}

void AddMessagingFinding(v1::PhoneNumberHealth& health, const v1::HealthCheck& check) {
  const std::string& overall = check.overall_status();
  if (overall != "BLOCKED" && overall != "LIMITED") return;
  v1::MessagingEntity entity;
  std::string where;
  if (MostActionableEntity(check, &entity)) {
    *health.mutable_most_actionable_entity() = entity;
    where = absl::StrCat(" (", entity.entity_type(), " ", entity.id(), ")");
    for (const auto& error : entity.errors()) {
      absl::StrAppend(&where, "; Meta error ", error.error_code(), ": ", error.error_description());
      if (error.error_code() == 141000) absl::StrAppend(&where, " - contact Meta support");
    }
  }
  if (overall == "BLOCKED") {
    Add(health, "messaging_health", v1::SEVERITY_CRITICAL,
        absl::StrCat("messaging is BLOCKED", where));
  } else {
    Add(health, "messaging_health", v1::SEVERITY_WARNING,
        absl::StrCat("messaging is LIMITED", where));
  }
}

struct CheckRule {
  const char* name;
  v1::Severity severity;
  const char* summary;
};

// The checks a person reads after messaging, in order.
constexpr CheckRule kLaterChecks[] = {
    {"webhook_verified", v1::SEVERITY_WARNING,
     "the webhook is not verified: Kapso may not receive Meta's events"},
    {"webhook_subscription", v1::SEVERITY_WARNING,
     "the app is not subscribed to the WABA's webhooks: inbound messages will not arrive"},
    {"test_message", v1::SEVERITY_WARNING, "the test message could not be sent"},
};

void AddQualityFindings(v1::PhoneNumberHealth& health, const v1::HealthCheck* access) {
  const std::string quality = Detail(access, "quality_rating");
  if (quality == "RED") {
    Add(health, "quality_rating", v1::SEVERITY_WARNING,
        "quality rating is RED: Meta may limit this number");
  } else if (quality == "YELLOW") {
    Add(health, "quality_rating", v1::SEVERITY_INFO, "quality rating is YELLOW");
  }
  if (Detail(access, "status") == "PENDING") {
    Add(health, "phone_number_status", v1::SEVERITY_INFO,
        "the number is PENDING: Meta is still reviewing it");
  }
}

}  // namespace

bool MostActionableEntity(const v1::HealthCheck& check, v1::MessagingEntity* entity) {
  std::vector<v1::MessagingEntity> entities = Entities(check);
  auto pick = [&](auto predicate) {
    for (const auto& candidate : entities) {
      if (predicate(candidate)) {
        *entity = candidate;
        return true;
      }
    }
    return false;
  };
  return pick([](const auto& e) { return e.can_send_message() == "BLOCKED" && e.errors_size(); }) ||
         pick([](const auto& e) {
           return e.can_send_message() == "LIMITED" && e.additional_info_size();
         }) ||
         pick([](const auto& e) {
           return e.can_send_message() != "AVAILABLE" && e.entity_type() != "BUSINESS";
         }) ||
         pick([](const auto& e) { return e.can_send_message() != "AVAILABLE"; });
}

namespace {

// The reading's own state: a failed check run, or access errors Kapso will
// re-check later.
void AddStatusFindings(v1::PhoneNumberHealth& health) {
  if (health.status() == "error") {
    Add(health, "status", v1::SEVERITY_WARNING,
        absl::StrCat("the health check itself failed; retry shortly",
                     health.error().empty() ? "" : ": " + health.error()));
  }
  if (health.has_retry_after()) {
    Add(health, "status", v1::SEVERITY_WARNING,
        absl::StrCat("access errors: Kapso re-checks Meta after ",
                     TimeUtil::ToString(health.retry_after())));
  }
}

// The checks that stop all messaging, in the runbook's order.
void AddBlockingFindings(v1::PhoneNumberHealth& health, const v1::HealthCheck* access) {
  if (Failed(access)) {
    Add(health, "phone_number_access", v1::SEVERITY_CRITICAL,
        "Kapso cannot read the number from Meta: check the access token and permissions");
  }
  if (Detail(Find(health, "phone_number_connection"), "status") == "DISCONNECTED") {
    Add(health, "phone_number_connection", v1::SEVERITY_CRITICAL,
        "Meta reports the number DISCONNECTED: reconnect it to restore messaging");
  }
  if (Failed(Find(health, "token_validity"))) {
    Add(health, "token_validity", v1::SEVERITY_CRITICAL,
        "the access token is invalid or expired: reconnect the number");
  }
}

// Failed checks no rule names, by name (map order is unspecified).
void AddOtherFindings(v1::PhoneNumberHealth& health) {
  static const auto* const kCovered = new absl::flat_hash_set<std::string>{
      "phone_number_access", "phone_number_connection", "token_validity", "messaging_health",
      "webhook_verified",    "webhook_subscription",    "test_message"};
  std::vector<std::string> others;
  for (const auto& [name, check] : health.checks()) {
    if (!kCovered->contains(name) && Failed(&check)) others.push_back(name);
  }
  std::sort(others.begin(), others.end());
  for (const std::string& name : others) {
    const std::string& error = health.checks().at(name).error();
    Add(health, name, v1::SEVERITY_WARNING,
        absl::StrCat(name, " failed", error.empty() ? "" : ": " + error));
  }
}

}  // namespace

void AddHealthFindings(v1::PhoneNumberHealth& health) {
  health.clear_findings();
  health.clear_most_actionable_entity();
  AddStatusFindings(health);
  const v1::HealthCheck* access = Find(health, "phone_number_access");
  AddBlockingFindings(health, access);
  if (const v1::HealthCheck* messaging = Find(health, "messaging_health")) {
    AddMessagingFinding(health, *messaging);
  }
  for (const CheckRule& rule : kLaterChecks) {
    if (Failed(Find(health, rule.name))) Add(health, rule.name, rule.severity, rule.summary);
  }
  AddOtherFindings(health);
  AddQualityFindings(health, access);
}

}  // namespace kapso::service
