#include "service/triage_numbers.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/phone_number_digits.h"
#include "service/triage_evidence.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;

v1::FindingSeverity SeverityOf(const v1::PhoneNumberHealth& health) {
  v1::Severity worst = v1::SEVERITY_UNSPECIFIED;
  for (const auto& finding : health.findings()) worst = std::max(worst, finding.severity());
  if (worst == v1::SEVERITY_CRITICAL || health.status() == "unhealthy") {
    return v1::FINDING_SEVERITY_CRITICAL;
  }
  if (health.status() == "error") return v1::FINDING_SEVERITY_MEDIUM;
  if (worst == v1::SEVERITY_WARNING || health.status() == "degraded") {
    return v1::FINDING_SEVERITY_HIGH;
  }
  return v1::FINDING_SEVERITY_INFO;
}

// The first of the most severe findings: what to fix first. (A "status"
// note such as the access-error backoff comes before the check it is about.)
const v1::HealthFinding& MostSevere(const v1::PhoneNumberHealth& health) {
  const v1::HealthFinding* best = &health.findings(0);
  for (const auto& finding : health.findings()) {
    if (finding.severity() > best->severity()) best = &finding;
  }
  return *best;
}

std::string Label(const v1::PhoneNumber& number) {
  std::string name = number.name().empty() ? number.verified_name() : number.name();
  if (name.empty() && number.display_phone_number().empty()) return number.phone_number_id();
  if (name.empty()) return number.display_phone_number();
  if (number.display_phone_number().empty()) return name;
  return absl::StrCat(name, " (", number.display_phone_number(), ")");
}

void AddFacts(const v1::PhoneNumberHealth& health, v1::TriageEvidence& e) {
  auto& facts = *e.mutable_facts();
  facts["health_status"] = health.status();
  if (health.has_most_actionable_entity()) {
    const v1::MessagingEntity& entity = health.most_actionable_entity();
    facts["most_actionable_entity"] = absl::StrCat(entity.entity_type(), " ", entity.id());
  }
}

}  // namespace

std::optional<v1::Finding> NumberHealthFinding(const v1::PhoneNumber& number,
                                               const v1::PhoneNumberHealth& health) {
  if (health.status() == "healthy" && health.findings_size() == 0) return std::nullopt;
  v1::Finding f;
  f.set_severity(SeverityOf(health));
  f.set_category(v1::FINDING_CATEGORY_NUMBER);
  f.set_code(absl::StrCat("number:", health.status().empty() ? "unknown" : health.status()));
  f.mutable_entity()->set_type("phone_number");
  f.mutable_entity()->set_id(number.phone_number_id());
  f.mutable_entity()->set_name(Label(number));
  EvidenceBuilder evidence;
  std::vector<std::string> summaries;
  for (const auto& finding : health.findings()) {
    evidence.Add(finding.check(), TimeOf(health.timestamp()));
    summaries.push_back(finding.summary());
  }
  evidence.Fill(*f.mutable_evidence());
  AddFacts(health, *f.mutable_evidence());
  f.set_title(absl::StrCat("number ", Label(number), " is ", health.status()));
  f.set_detail(summaries.empty() ? absl::StrCat("Kapso reports the number ", health.status())
                                 : absl::StrJoin(summaries, "; "));
  f.set_remediation(summaries.empty()
                        ? "Run `kapso-ops health --phone-number-id ID` and read every check."
                        : MostSevere(health).summary());
  return f;
}

std::vector<v1::Finding> DuplicateDisplayFindings(const std::vector<v1::PhoneNumber>& numbers) {
  std::map<std::string, std::vector<const v1::PhoneNumber*>> by_digits;
  for (const v1::PhoneNumber& number : numbers) {
    absl::StatusOr<std::string> digits = PhoneNumberDigits(number.display_phone_number());
    if (digits.ok()) by_digits[*digits].push_back(&number);
  }
  std::vector<v1::Finding> findings;
  for (const auto& [digits, same] : by_digits) {
    if (same.size() < 2) continue;
    v1::Finding& f = findings.emplace_back();
    f.set_severity(v1::FINDING_SEVERITY_MEDIUM);
    f.set_category(v1::FINDING_CATEGORY_NUMBER);
    f.set_code("number:duplicate_display");
    f.mutable_entity()->set_type("display_phone_number");
    f.mutable_entity()->set_id(digits);
    f.mutable_entity()->set_name(same.front()->display_phone_number());
    EvidenceBuilder evidence;
    for (const v1::PhoneNumber* n : same) evidence.Add(n->phone_number_id(), absl::InfinitePast());
    evidence.Fill(*f.mutable_evidence());
    f.set_title(absl::StrCat(same.size(), " numbers share the display number ",
                             same.front()->display_phone_number()));
    f.set_detail(
        "Commands given --phone-number cannot tell them apart "
        "(PHONE_NUMBER_AMBIGUOUS); each is a separate Meta phone number id.");
    f.set_remediation(
        "Use --phone-number-id for these numbers, and remove the stale one from "
        "Kapso if the number was connected twice.");
  }
  return findings;
}

}  // namespace kapso::service
