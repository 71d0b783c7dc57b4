#include "service/triage_evidence.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "kapso_client/status_details.h"

namespace kapso::service {

namespace v1 = ::kapso::ops::v1;

void EvidenceBuilder::Add(const std::string& id, absl::Time at) {
  ++count_;
  if (static_cast<int>(ids_.size()) < kMaxIds && !id.empty()) ids_.push_back(id);
  if (at == absl::InfinitePast()) return;
  first_ = std::min(first_, at);
  last_ = std::max(last_, at);
}

void EvidenceBuilder::Fill(v1::TriageEvidence& out) const {
  out.set_count(count_);
  for (const std::string& id : ids_) out.add_ids(id);
  if (first_ != absl::InfiniteFuture())
    out.mutable_first_seen()->set_seconds(absl::ToUnixSeconds(first_));
  if (last_ != absl::InfinitePast())
    out.mutable_last_seen()->set_seconds(absl::ToUnixSeconds(last_));
}

absl::Time TimeOf(const google::protobuf::Timestamp& timestamp) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return absl::InfinitePast();
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

std::string TimeText(absl::Time time) {
  if (time == absl::InfinitePast() || time == absl::InfiniteFuture()) return "unknown";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

std::string Counted(int64_t count, const std::string& noun) {
  return absl::StrCat(count, " ", noun, count == 1 ? "" : "s");
}

v1::Finding SourceErrorFinding(const std::string& source, const absl::Status& status,
                               const SecretRedactor& redactor, const std::string& about) {
  google::rpc::Status rpc = ToRpcStatus(status, redactor);
  std::string reason = client::ErrorReason(status);
  v1::Finding finding;
  finding.set_severity(v1::FINDING_SEVERITY_HIGH);
  finding.set_category(v1::FINDING_CATEGORY_SOURCE_ERROR);
  finding.set_code(absl::StrCat("source:", source));
  finding.set_title(
      absl::StrCat("could not read ", source, about.empty() ? "" : " of " + about, ": ",
                   reason.empty() ? absl::StatusCodeToString(status.code()) : reason));
  finding.set_detail(absl::StrCat("what this source would show is unknown: ", rpc.message()));
  finding.set_remediation(
      "Retry the triage; if it keeps failing, check Kapso's status and this API key "
      "(kapso-ops overview), and read the source directly when Kapso answers again.");
  finding.mutable_entity()->set_type("source");
  finding.mutable_entity()->set_id(about.empty() ? source : about);
  finding.mutable_evidence()->set_count(1);
  if (!reason.empty()) finding.mutable_evidence()->add_ids(reason);
  (*finding.mutable_evidence()->mutable_facts())["grpc_code"] =
      absl::StatusCodeToString(status.code());
  return finding;
}

void RankFindings(std::vector<v1::Finding>& findings) {
  auto key = [](const v1::Finding& f) {
    // Higher severity and count first, so they are negated.
    return std::make_tuple(-static_cast<int>(f.severity()), -f.evidence().count(),
                           static_cast<int>(f.category()), f.code(), f.entity().id(), f.title());
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const v1::Finding& a, const v1::Finding& b) { return key(a) < key(b); });
}

}  // namespace kapso::service
