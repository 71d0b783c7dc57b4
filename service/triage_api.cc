#include "service/triage_api.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "service/triage_evidence.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;

struct Group {
  EvidenceBuilder evidence;
  std::string last_error;      // the newest call's error message
  std::set<std::string> keys;  // API key names
};

struct ErrorClass {
  const char* name;
  v1::FindingSeverity severity;
  const char* remediation;
};

ErrorClass ClassOf(int status) {
  if (status == 401 || status == 403) {
    return {"auth", v1::FINDING_SEVERITY_HIGH,
            "The API key is invalid, revoked or lacks access: check which service uses the key "
            "named here and give it a valid key of this project."};
  }
  if (status == 429) {
    return {"rate limit", v1::FINDING_SEVERITY_MEDIUM,
            "Callers exceed Kapso's rate limit: spread the calls out, honour Retry-After, and "
            "cache reads (kapso-ops does all three for calls through it)."};
  }
  if (status >= 500) {
    return {"upstream failure", v1::FINDING_SEVERITY_MEDIUM,
            "Kapso failed to answer: retry idempotent calls with back-off; if it persists, "
            "check Kapso's status and report the request ids."};
  }
  return {"caller error", v1::FINDING_SEVERITY_LOW,
          "The caller sent a request Kapso refused: fix the request (see the error message)."};
}

bool IsId(absl::string_view segment) {
  if (segment.empty()) return false;
  if (absl::StartsWith(segment, "wamid.")) return true;
  bool digits = true;
  bool uuid_like = segment.size() == 36;
  for (char c : segment) {
    digits = digits && absl::ascii_isdigit(c);
    uuid_like = uuid_like && (absl::ascii_isxdigit(c) || c == '-');
  }
  return digits || uuid_like;
}

v1::Finding FindingOf(const std::pair<int, std::string>& key, const Group& group) {
  ErrorClass error_class = ClassOf(key.first);
  v1::Finding f;
  f.set_severity(error_class.severity);
  f.set_category(v1::FINDING_CATEGORY_API);
  f.set_code(absl::StrCat("api:", key.first));
  f.mutable_entity()->set_type("endpoint");
  f.mutable_entity()->set_id(key.second);
  group.evidence.Fill(*f.mutable_evidence());
  auto& facts = *f.mutable_evidence()->mutable_facts();
  facts["http_status"] = absl::StrCat(key.first);
  facts["class"] = error_class.name;
  facts["api_keys"] = absl::StrJoin(group.keys, ",");
  f.set_title(absl::StrCat(Counted(group.evidence.count(), "API call"), " answered HTTP ",
                           key.first, " (", error_class.name, ") on ", key.second));
  f.set_detail(
      absl::StrCat("Latest error: ", group.last_error.empty() ? "(none given)" : group.last_error,
                   "; since ", TimeText(group.evidence.first()), "."));
  f.set_remediation(error_class.remediation);
  return f;
}

}  // namespace

std::string EndpointTemplate(absl::string_view path) {
  path = path.substr(0, path.find('?'));
  std::vector<std::string> parts;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    parts.push_back(IsId(segment) ? "{id}" : std::string(segment));
  }
  return absl::StrJoin(parts, "/");
}

std::vector<v1::Finding> ApiErrorFindings(
    const google::protobuf::RepeatedPtrField<v1::ApiLog>& logs) {
  std::map<std::pair<int, std::string>, Group> groups;
  for (const v1::ApiLog& log : logs) {
    if (log.response_status() < 400) continue;
    std::string endpoint = absl::StrCat(log.http_method(), log.http_method().empty() ? "" : " ",
                                        EndpointTemplate(log.endpoint()));
    Group& group = groups[{log.response_status(), endpoint}];
    if (group.evidence.count() == 0) group.last_error = log.error_message();
    group.evidence.Add(log.id(), TimeOf(log.created_at()));
    if (!log.api_key_name().empty()) group.keys.insert(log.api_key_name());
  }
  std::vector<v1::Finding> findings;
  for (const auto& [key, group] : groups) findings.push_back(FindingOf(key, group));
  return findings;
}

}  // namespace kapso::service
