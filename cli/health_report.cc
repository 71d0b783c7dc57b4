#include "cli/health_report.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/table_renderer.h"
#include "google/protobuf/util/time_util.h"

namespace kapso::cli {
namespace {

using google::protobuf::util::TimeUtil;
using kapso::ops::v1::HealthCheck;
using kapso::ops::v1::PhoneNumberHealth;

bool Failing(const HealthCheck& check) {
  return !check.error().empty() || !check.has_passed() || !check.passed().value();
}

std::string Result(const HealthCheck& check) {
  if (!check.has_passed()) return "UNKNOWN";
  return check.passed().value() ? "PASS" : "FAIL";
}

std::string Detail(const HealthCheck& check) {
  if (!check.error().empty()) return check.error();
  return check.overall_status();
}

std::string Findings(const PhoneNumberHealth& health) {
  if (health.findings().empty()) return "Findings: none\n";
  std::string out = "Findings (triage order):\n";
  int n = 0;
  for (const auto& f : health.findings()) {
    std::string severity = kapso::ops::v1::Severity_Name(f.severity());
    severity = severity.substr(severity.rfind('_') + 1);
    absl::StrAppend(&out, "  ", ++n, ". [", severity, "] ", f.check(), ": ", f.summary(), "\n");
  }
  return out;
}

// Failing checks in triage order: those named by a finding first, in the
// findings' order, then the rest by name.
std::vector<std::string> FailingChecks(const PhoneNumberHealth& health) {
  std::vector<std::string> names;
  for (const auto& [name, check] : health.checks()) {
    if (Failing(check)) names.push_back(name);
  }
  auto rank = [&](const std::string& name) {
    for (int i = 0; i < health.findings_size(); ++i) {
      if (health.findings(i).check() == name) return i;
    }
    return health.findings_size();
  };
  std::sort(names.begin(), names.end(), [&](const auto& a, const auto& b) {
    return std::make_pair(rank(a), a) < std::make_pair(rank(b), b);
  });
  return names;
}

std::string Checks(const PhoneNumberHealth& health) {
  std::vector<std::vector<std::string>> rows = {{"CHECK", "RESULT", "DETAIL"}};
  for (const std::string& name : FailingChecks(health)) {
    const HealthCheck& check = health.checks().at(name);
    rows.push_back({name, Result(check), Detail(check)});
  }
  std::vector<std::string> passing;
  for (const auto& [name, check] : health.checks()) {
    if (!Failing(check)) passing.push_back(name);
  }
  std::sort(passing.begin(), passing.end());
  std::string out;
  if (rows.size() > 1) out = "Failing checks:\n" + FormatColumns(rows, "  ");
  if (!passing.empty()) {
    absl::StrAppend(&out, "Passing checks: ", absl::StrJoin(passing, ", "), "\n");
  }
  return out;
}

std::string Entity(const PhoneNumberHealth& health) {
  if (!health.has_most_actionable_entity()) return "";
  const auto& e = health.most_actionable_entity();
  std::string out = absl::StrCat("Most actionable entity: ", e.entity_type(), " ", e.id(), " (",
                                 e.can_send_message(), ")\n");
  for (const auto& info : e.additional_info()) {
    absl::StrAppend(&out, "  note: ", info, "\n");
  }
  for (const auto& err : e.errors()) {
    absl::StrAppend(&out, "  error ", err.error_code(), ": ", err.error_description(), " -> ",
                    err.possible_solution(), "\n");
  }
  return out;
}

}  // namespace

std::string RenderHealthReport(const std::string& phone_number_id,
                               const PhoneNumberHealth& health) {
  std::string out = absl::StrCat("Phone number ", phone_number_id, ": ",
                                 absl::AsciiStrToUpper(health.status()), "\n");
  if (health.has_timestamp()) {
    absl::StrAppend(&out, "Checked at: ", TimeUtil::ToString(health.timestamp()), " (cache age ",
                    TimeUtil::ToString(health.cache_age()), ")\n");
  }
  if (!health.error().empty()) absl::StrAppend(&out, "Error: ", health.error(), "\n");
  if (health.has_retry_after()) {
    absl::StrAppend(&out, "Next check not before: ", TimeUtil::ToString(health.retry_after()),
                    "\n");
  }
  absl::StrAppend(&out, Findings(health), Checks(health), Entity(health));
  return out;
}

}  // namespace kapso::cli
