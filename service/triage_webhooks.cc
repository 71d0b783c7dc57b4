#include "service/triage_webhooks.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/triage_evidence.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
using Deliveries = google::protobuf::RepeatedPtrField<v1::WebhookDelivery>;

struct Group {
  EvidenceBuilder evidence;
  std::set<std::string> events;
  std::string url;
};

// (webhook id, HTTP status; 0: no response).
using GroupKey = std::pair<std::string, int>;

bool Failed(const v1::WebhookDelivery& d) { return d.status() == "failed"; }

absl::Time FailedAt(const v1::WebhookDelivery& d) {
  for (const auto* t : {&d.failed_at(), &d.last_attempt_at(), &d.created_at()}) {
    if (TimeOf(*t) != absl::InfinitePast()) return TimeOf(*t);
  }
  return absl::InfinitePast();
}

std::string Outcome(int status) {
  return status > 0 ? absl::StrCat("HTTP ", status) : "no response (timeout or connection error)";
}

std::string Remedy(int status) {
  if (status == 404 || status == 410) {
    return "The receiver says the URL is gone: fix the webhook's URL, or delete the webhook.";
  }
  if (status == 401 || status == 403) {
    return "The receiver refused Kapso: check its signature verification against the webhook's "
           "secret key (kapso-ops verify-signature) and any auth in the webhook's headers.";
  }
  if (status >= 500) {
    return "The receiver is failing: check its logs and health; it must answer 2xx.";
  }
  if (status == 0) {
    return "The receiver did not answer in time or refused the connection: check it is "
           "reachable from the internet, and answer 2xx at once (queue slow work).";
  }
  return "The receiver refused the events: check what it expects against Kapso's payloads.";
}

v1::FindingSeverity SeverityOf(const WebhookState* state, double rate) {
  if (state != nullptr && state->known && !state->active) return v1::FINDING_SEVERITY_LOW;
  return rate >= 0.5 ? v1::FINDING_SEVERITY_HIGH : v1::FINDING_SEVERITY_MEDIUM;
}

std::string Activity(const WebhookState* state) {
  if (state == nullptr) return "unknown";
  if (!state->known) return "unknown";
  return state->active ? "true" : "false";
}

void Describe(const WebhookState* state, int status, int64_t total, v1::Finding& f) {
  const v1::TriageEvidence& e = f.evidence();
  f.set_title(absl::StrCat("webhook ", f.entity().name(), ": ", e.count(), " of ", total,
                           " deliveries failed with ", Outcome(status)));
  std::string active = Activity(state);
  f.set_detail(
      absl::StrFormat("%d%% of the deliveries in the window failed this way, since %s (last %s); "
                      "the webhook is %s.",
                      static_cast<int>(e.rate() * 100 + 0.5), TimeText(TimeOf(e.first_seen())),
                      TimeText(TimeOf(e.last_seen())),
                      active == "true"    ? "active"
                      : active == "false" ? "inactive"
                                          : "of unknown state"));
  std::string remedy = Remedy(status);
  if (active == "false") {
    remedy = absl::StrCat("The webhook is inactive: delete it if it is no longer needed. ", remedy);
  } else if (state != nullptr && !state->known) {
    remedy = absl::StrCat("The webhook could not be read (", state->why_unknown, "). ", remedy);
  }
  f.set_remediation(remedy);
}

v1::Finding FindingOf(const GroupKey& key, const Group& group, int64_t total,
                      const WebhookState* state) {
  v1::Finding f;
  f.set_category(v1::FINDING_CATEGORY_WEBHOOKS);
  f.set_code(key.second > 0 ? absl::StrCat("webhook:http_", key.second) : "webhook:no_response");
  f.mutable_entity()->set_type("webhook");
  f.mutable_entity()->set_id(key.first);
  f.mutable_entity()->set_name(state != nullptr && !state->url.empty() ? state->url : group.url);
  v1::TriageEvidence& e = *f.mutable_evidence();
  group.evidence.Fill(e);
  e.set_total(total);
  e.set_rate(total > 0 ? static_cast<double>(e.count()) / total : 0);
  (*e.mutable_facts())["http_status"] = key.second > 0 ? absl::StrCat(key.second) : "none";
  (*e.mutable_facts())["webhook_active"] = Activity(state);
  (*e.mutable_facts())["events"] = absl::StrJoin(group.events, ",");
  f.set_severity(SeverityOf(state, e.rate()));
  Describe(state, key.second, total, f);
  return f;
}

}  // namespace

std::vector<v1::Finding> WebhookDeliveryFindings(
    const Deliveries& deliveries, const std::map<std::string, WebhookState>& webhooks) {
  std::map<std::string, int64_t> totals;
  std::map<GroupKey, Group> groups;
  for (const auto& d : deliveries) {
    ++totals[d.webhook_id()];
    if (!Failed(d)) continue;
    Group& group = groups[{d.webhook_id(), d.response_status()}];
    group.evidence.Add(d.id(), FailedAt(d));
    group.events.insert(d.event());
    if (group.url.empty()) group.url = d.webhook_url();
  }
  std::vector<v1::Finding> findings;
  for (const auto& [key, group] : groups) {
    auto it = webhooks.find(key.first);
    findings.push_back(
        FindingOf(key, group, totals[key.first], it == webhooks.end() ? nullptr : &it->second));
  }
  return findings;
}

}  // namespace kapso::service
