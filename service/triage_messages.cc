#include "service/triage_messages.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/meta_error_catalog.h"
#include "service/triage_evidence.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;

struct CodeGroup {
  EvidenceBuilder evidence;
  std::set<std::string> recipients;
  std::set<std::string> numbers;  // business phone number ids
};

absl::Time SentAt(const v1::Message& message) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(message.timestamp(), &seconds)) return absl::InfinitePast();
  return absl::FromUnixSeconds(seconds);
}

std::set<int32_t> CodesOf(const v1::Message& message) {
  std::set<int32_t> codes;
  for (const auto& event : message.delivery_timeline()) {
    for (const auto& error : event.errors()) codes.insert(error.code());
  }
  if (codes.empty()) codes.insert(0);
  return codes;
}

v1::FindingSeverity SeverityOf(const MetaErrorEntry& entry) {
  if (entry.severity == "critical") return v1::FINDING_SEVERITY_CRITICAL;
  if (entry.severity == "error") return v1::FINDING_SEVERITY_HIGH;
  return v1::FINDING_SEVERITY_MEDIUM;
}

// What to say about failures without a Meta error code.
void DescribeUncoded(v1::Finding& finding) {
  finding.set_severity(v1::FINDING_SEVERITY_MEDIUM);
  finding.set_title(absl::StrCat(Counted(finding.evidence().count(), "failed message"),
                                 " without a Meta error code"));
  finding.set_detail("Kapso marked these messages failed but Meta's statuses carry no error code.");
  finding.set_remediation(
      "Open one with `kapso-ops messages get --message-id ID` and read its delivery timeline.");
  finding.mutable_entity()->set_name("no error code");
}

void Describe(int32_t code, v1::Finding& finding) {
  if (code == 0) return DescribeUncoded(finding);
  const MetaErrorEntry& entry = LookupMetaError(code);
  finding.set_severity(SeverityOf(entry));
  finding.set_title(absl::StrCat(Counted(finding.evidence().count(), "failed message"), ": Meta ",
                                 code, " ", entry.title));
  finding.set_detail(std::string(entry.meaning));
  finding.set_remediation(std::string(entry.remediation));
  finding.mutable_entity()->set_name(std::string(entry.title));
  (*finding.mutable_evidence()->mutable_facts())["meta_category"] = std::string(entry.category);
}

v1::Finding FindingOf(int32_t code, const CodeGroup& group) {
  v1::Finding finding;
  finding.set_category(v1::FINDING_CATEGORY_MESSAGES);
  finding.set_code(absl::StrCat("meta_error:", code));
  finding.mutable_entity()->set_type("meta_error");
  finding.mutable_entity()->set_id(absl::StrCat(code));
  group.evidence.Fill(*finding.mutable_evidence());
  auto& facts = *finding.mutable_evidence()->mutable_facts();
  facts["recipients"] = absl::StrCat(group.recipients.size());
  facts["phone_number_ids"] = absl::StrJoin(group.numbers, ",");
  Describe(code, finding);
  return finding;
}

}  // namespace

std::vector<v1::Finding> MessageErrorFindings(
    const google::protobuf::RepeatedPtrField<v1::Message>& messages, absl::Time since) {
  std::map<int32_t, CodeGroup> groups;  // ordered: a deterministic output
  for (const v1::Message& message : messages) {
    absl::Time at = SentAt(message);
    if (at != absl::InfinitePast() && at < since) continue;
    for (int32_t code : CodesOf(message)) {
      CodeGroup& group = groups[code];
      group.evidence.Add(message.id(), at);
      const std::string& to =
          message.kapso().phone_number().empty() ? message.to() : message.kapso().phone_number();
      if (!to.empty()) group.recipients.insert(to);
      if (!message.kapso().phone_number_id().empty()) {
        group.numbers.insert(message.kapso().phone_number_id());
      }
    }
  }
  std::vector<v1::Finding> findings;
  for (const auto& [code, group] : groups) findings.push_back(FindingOf(code, group));
  return findings;
}

}  // namespace kapso::service
