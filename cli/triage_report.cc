#include "cli/triage_report.h"

#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/table_renderer.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

// The enum value's last word in lower case: FINDING_SEVERITY_HIGH -> "high".
std::string Word(const std::string& enum_name) {
  return absl::AsciiStrToLower(enum_name.substr(enum_name.rfind('_') + 1));
}

std::string Cut(const std::string& text, size_t max) {
  return text.size() <= max ? text : text.substr(0, max - 3) + "...";
}

std::string Since(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

std::string Headline(const v1::TriageReport& report) {
  std::map<int, int, std::greater<int>> per_severity;
  for (const auto& f : report.findings()) ++per_severity[f.severity()];
  std::vector<std::string> parts;
  for (const auto& [severity, n] : per_severity) {
    parts.push_back(absl::StrCat(n, " ", Word(v1::FindingSeverity_Name(severity))));
  }
  std::string scope = report.phone_number_id().empty()
                          ? "the project"
                          : absl::StrCat("phone number ", report.phone_number_id());
  std::string period =
      report.period() == v1::PERIOD_UNSPECIFIED ? "24h" : Word(v1::Period_Name(report.period()));
  return absl::StrCat("Triage of ", scope, ", last ", period, ": ", report.findings_size(),
                      " findings", parts.empty() ? "" : " (" + absl::StrJoin(parts, ", ") + ")",
                      "\n");
}

std::string FindingsTable(const v1::TriageReport& report) {
  std::vector<std::vector<std::string>> rows = {
      {"#", "SEVERITY", "WHAT", "FINDING", "ENTITY", "COUNT", "SINCE"}};
  int n = 0;
  for (const auto& f : report.findings()) {
    const std::string& entity = f.entity().name().empty() ? f.entity().id() : f.entity().name();
    rows.push_back(
        {absl::StrCat(++n), absl::AsciiStrToUpper(Word(v1::FindingSeverity_Name(f.severity()))),
         Word(v1::FindingCategory_Name(f.category())), Cut(f.title(), 56), Cut(entity, 36),
         absl::StrCat(f.evidence().count()), Since(f.evidence().first_seen())});
  }
  return FormatColumns(rows);
}

std::string Remedies(const v1::TriageReport& report) {
  std::string out = "\nWhat to do:\n";
  int n = 0;
  for (const auto& f : report.findings()) {
    absl::StrAppend(&out, "  ", ++n, ". ", f.remediation(), "\n");
    if (f.evidence().ids_size() > 0) {
      absl::StrAppend(&out, "     evidence: ", absl::StrJoin(f.evidence().ids(), ", "), "\n");
    }
  }
  return out;
}

std::string Sources(const v1::TriageReport& report) {
  std::vector<std::string> parts;
  for (const auto& s : report.sources()) {
    if (s.has_error()) {
      parts.push_back(absl::StrCat(s.name(), " FAILED (", s.error().message(), ")"));
    } else {
      parts.push_back(absl::StrCat(s.name(), " ", s.items_read(), s.complete() ? "" : "+"));
    }
  }
  return absl::StrCat("\nSources read: ", absl::StrJoin(parts, ", "), " (+: more than was read)\n");
}

}  // namespace

std::string RenderTriageReport(const v1::TriageReport& report) {
  std::string out = Headline(report);
  if (report.findings_size() == 0) {
    absl::StrAppend(&out, "\nNothing needs attention.\n");
  } else {
    absl::StrAppend(&out, "\n", FindingsTable(report), Remedies(report));
  }
  return absl::StrCat(out, Sources(report));
}

}  // namespace kapso::cli
