#include "service/triage_runner.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kapso_client/api_logs.h"
#include "kapso_client/messages.h"
#include "kapso_client/phone_numbers.h"
#include "kapso_client/webhook_deliveries.h"
#include "kapso_client/webhooks.h"
#include "service/delivery_timeline.h"
#include "service/failed_messages_filter.h"
#include "service/join.h"
#include "service/phone_number_directory.h"
#include "service/phone_number_health.h"
#include "service/triage_api.h"
#include "service/triage_evidence.h"
#include "service/triage_messages.h"
#include "service/triage_numbers.h"
#include "service/triage_request.h"
#include "service/triage_webhooks.h"

namespace kapso::service {
namespace {

namespace v1 = ::kapso::ops::v1;
namespace wire = ::kapso::internal::wire;
using client::PageRequest;

// Most numbers whose health one triage reads (one upstream call each), so a
// large project stays within the call budget; the rest make the source
// incomplete.
constexpr size_t kMaxHealthChecks = 20;

// One source's outcome. Each is written by its own branch only.
struct SourceResult {
  v1::TriageSource source;
  std::vector<v1::Finding> findings;

  void Fail(const absl::Status& status, const SecretRedactor& redactor) {
    *source.mutable_error() = ToRpcStatus(status, redactor);
    source.set_complete(false);
    findings.push_back(SourceErrorFinding(source.name(), status, redactor));
  }
  void Add(std::vector<v1::Finding> more) {
    for (v1::Finding& f : more) findings.push_back(std::move(f));
  }
};

struct TriageRun {
  UnaryCall* call;
  TriageScope scope;
  v1::TriageReport* report;
  SourceResult numbers, messages, webhooks, api;

  client::KapsoClient* client() const { return call->deps().client; }
  const client::RequestContext& context() const { return call->request_context(); }
  const SecretRedactor& redactor() const { return *call->deps().redactor; }
};
using Run = std::shared_ptr<TriageRun>;

void Finish(const Run& run) {
  std::vector<v1::Finding> all;
  for (SourceResult* r : {&run->numbers, &run->messages, &run->webhooks, &run->api}) {
    *run->report->add_sources() = r->source;
    for (v1::Finding& f : r->findings) all.push_back(std::move(f));
  }
  RankFindings(all);
  for (v1::Finding& f : all) run->report->add_findings()->Swap(&f);
  run->call->Complete(absl::OkStatus());
}

// Numbers: the health of each number in scope (concurrently), each one not
// plainly healthy a finding; a number whose health cannot be read is a
// SOURCE_ERROR finding of its own.
struct HealthChecks {
  std::vector<v1::PhoneNumber> numbers;
  std::vector<absl::StatusOr<v1::PhoneNumberHealth>> results;
};

void ReadHealthResults(const Run& run, const HealthChecks& checks) {
  SourceResult& out = run->numbers;
  for (size_t i = 0; i < checks.numbers.size(); ++i) {
    const absl::StatusOr<v1::PhoneNumberHealth>& health = checks.results[i];
    const std::string& id = checks.numbers[i].phone_number_id();
    if (!health.ok()) {
      out.source.set_complete(false);
      out.findings.push_back(SourceErrorFinding("health", health.status(), run->redactor(), id));
      continue;
    }
    if (auto finding = NumberHealthFinding(checks.numbers[i], *health)) {
      out.findings.push_back(*std::move(finding));
    }
  }
}

void CheckHealth(const Run& run, std::vector<v1::PhoneNumber> numbers, std::shared_ptr<Join> join) {
  if (numbers.size() > kMaxHealthChecks) {
    numbers.resize(kMaxHealthChecks);
    run->numbers.source.set_complete(false);
  }
  run->numbers.source.set_items_read(static_cast<int32_t>(numbers.size()));
  auto checks = std::make_shared<HealthChecks>();
  checks->numbers = std::move(numbers);
  checks->results.assign(checks->numbers.size(), absl::UnknownError("not read"));
  auto all =
      std::make_shared<Join>(static_cast<int>(checks->numbers.size()) + 1, [run, checks, join] {
        ReadHealthResults(run, *checks);
        join->Arrive();
      });
  for (size_t i = 0; i < checks->numbers.size(); ++i) {
    FetchPhoneNumberHealth(run->client(), run->context(), checks->numbers[i].phone_number_id(),
                           [checks, all, i](absl::StatusOr<v1::PhoneNumberHealth> health) {
                             checks->results[i] = std::move(health);
                             all->Arrive();
                           });
  }
  all->Arrive();  // the +1: a project without numbers still finishes
}

// The numbers in scope: the project's, or the one asked for (known to
// Kapso's list or not: its health call says).
std::vector<v1::PhoneNumber> InScope(const Run& run, wire::PhoneNumberList& list) {
  std::vector<v1::PhoneNumber> numbers(list.data().begin(), list.data().end());
  const std::string& id = run->scope.phone_number_id;
  if (id.empty()) return numbers;
  for (const v1::PhoneNumber& n : numbers) {
    if (n.phone_number_id() == id) return {n};
  }
  v1::PhoneNumber unlisted;
  unlisted.set_phone_number_id(id);
  return {unlisted};
}

void ReadNumbers(const Run& run, std::shared_ptr<Join> join) {
  PageRequest page;
  page.page_size = 100;
  run->client()->Fetch<wire::PhoneNumberList>(
      client::BuildListPhoneNumbers(page), run->context(),
      [run, join](absl::StatusOr<wire::PhoneNumberList> list) {
        if (!list.ok()) {
          run->numbers.Fail(list.status(), run->redactor());
          return join->Arrive();
        }
        run->numbers.source.set_complete(list->meta().total_count() <= list->data_size());
        std::vector<v1::PhoneNumber> numbers = InScope(run, *list);
        if (run->scope.phone_number_id.empty()) {
          run->numbers.Add(DuplicateDisplayFindings(numbers));
        }
        CheckHealth(run, std::move(numbers), join);
      });
}

// Reads one page of a log source into `out`: the findings `findings(list&)`
// makes, how many items were read and whether that was all of them, or the
// source's own error (a finding of its own); then arrives at `join`.
template <typename Envelope, typename Findings>
void ReadLogSource(const Run& run, absl::StatusOr<client::HttpRequest> request,
                   SourceResult TriageRun::*out, std::shared_ptr<Join> join, Findings findings) {
  run->client()->template Fetch<Envelope>(
      std::move(request), run->context(),
      [run, out, join = std::move(join),
       findings = std::move(findings)](absl::StatusOr<Envelope> list) {
        SourceResult& result = (*run).*out;
        if (!list.ok()) {
          result.Fail(list.status(), run->redactor());
        } else {
          result.Add(findings(*list));
          result.source.set_items_read(list->data_size());
          result.source.set_complete(list->paging().next().empty());
        }
        join->Arrive();
      });
}

void ReadMessages(const Run& run, std::shared_ptr<Join> join) {
  v1::ListMessagesRequest failed = FailedOutboundMessages("", run->scope.phone_number_id);
  PageRequest page;
  page.page_size = run->scope.limit;
  ReadLogSource<wire::MessageList>(run, client::BuildListMessages(failed, page),
                                   &TriageRun::messages, std::move(join),
                                   [since = run->scope.since](wire::MessageList& list) {
                                     for (v1::Message& message : *list.mutable_data())
                                       AddDeliveryTimeline(message);
                                     return MessageErrorFindings(list.data(), since);
                                   });
}

// Webhooks: every delivery in the window (for failure rates) and the
// project's webhooks (is each still active?), read concurrently.
struct WebhookReads {
  absl::StatusOr<wire::DeliveryList> deliveries = absl::UnknownError("not read");
  absl::StatusOr<wire::WebhookList> webhooks = absl::UnknownError("not read");
};

std::map<std::string, WebhookState> StatesOf(const WebhookReads& reads) {
  std::map<std::string, WebhookState> states;
  if (!reads.webhooks.ok()) {
    for (const auto& d : reads.deliveries->data()) {
      states[d.webhook_id()] = {false, false, "", reads.webhooks.status().ToString()};
    }
    return states;
  }
  for (const v1::Webhook& w : reads.webhooks->data())
    states[w.id()] = {true, w.active(), w.url(), ""};
  return states;
}

void ReadWebhookResults(const Run& run, WebhookReads& reads) {
  SourceResult& out = run->webhooks;
  if (!reads.deliveries.ok()) return out.Fail(reads.deliveries.status(), run->redactor());
  auto* data = reads.deliveries->mutable_data();
  out.source.set_complete(reads.deliveries->paging().next().empty() && reads.webhooks.ok());
  if (!run->scope.phone_number_id.empty()) {  // Kapso cannot filter deliveries by number
    const std::string& id = run->scope.phone_number_id;
    data->erase(std::remove_if(data->begin(), data->end(),
                               [&](const auto& d) { return d.phone_number_id() != id; }),
                data->end());
  }
  out.source.set_items_read(static_cast<int32_t>(data->size()));
  out.Add(WebhookDeliveryFindings(*data, StatesOf(reads)));
  if (!reads.webhooks.ok()) {  // the deliveries still count; activity is unknown
    out.findings.push_back(
        SourceErrorFinding("webhook_list", reads.webhooks.status(), run->redactor()));
  }
}

void ReadWebhooks(const Run& run, std::shared_ptr<Join> join) {
  auto reads = std::make_shared<WebhookReads>();
  auto both = std::make_shared<Join>(2, [run, reads, join] {
    ReadWebhookResults(run, *reads);
    join->Arrive();
  });
  v1::ListWebhookDeliveriesRequest deliveries;
  deliveries.set_period(run->scope.period);
  PageRequest page;
  page.page_size = run->scope.limit;
  run->client()->Fetch<wire::DeliveryList>(client::BuildListWebhookDeliveries(deliveries, page),
                                           run->context(),
                                           [reads, both](absl::StatusOr<wire::DeliveryList> list) {
                                             reads->deliveries = std::move(list);
                                             both->Arrive();
                                           });
  v1::ListWebhooksRequest project;  // the project's collection lists every webhook
  project.set_scope(v1::WEBHOOK_SCOPE_PROJECT);
  PageRequest webhooks_page;
  webhooks_page.page_size = 100;
  run->client()->Fetch<wire::WebhookList>(client::BuildListWebhooks(project, webhooks_page),
                                          run->context(),
                                          [reads, both](absl::StatusOr<wire::WebhookList> list) {
                                            reads->webhooks = std::move(list);
                                            both->Arrive();
                                          });
}

void ReadApiErrors(const Run& run, std::shared_ptr<Join> join) {
  v1::ListApiLogsRequest errors;
  errors.set_period(run->scope.period);
  errors.set_errors_only(true);
  PageRequest page;
  page.page_size = run->scope.limit;
  ReadLogSource<wire::ApiLogList>(
      run, client::BuildListApiLogs(errors, page), &TriageRun::api, std::move(join),
      [](wire::ApiLogList& list) { return ApiErrorFindings(list.data()); });
}

void RunSources(UnaryCall* call, TriageScope scope, v1::TriageReport* report) {
  auto run = std::make_shared<TriageRun>(TriageRun{call, std::move(scope), report, {}, {}, {}, {}});
  run->numbers.source.set_name("numbers");
  run->messages.source.set_name("messages");
  run->webhooks.source.set_name("webhooks");
  run->api.source.set_name("api");
  report->set_period(run->scope.period);
  report->set_phone_number_id(run->scope.phone_number_id);
  report->mutable_generated_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  auto join = std::make_shared<Join>(4, [run] { Finish(run); });
  ReadNumbers(run, join);
  ReadMessages(run, join);
  ReadWebhooks(run, join);
  ReadApiErrors(run, join);
}

}  // namespace

void StartTriage(UnaryCall* call, const v1::RunTriageRequest& request, v1::TriageReport* report) {
  TriageScope scope = ScopeOf(request, absl::Now());
  if (request.phone_number().empty()) return RunSources(call, std::move(scope), report);
  call->deps().phone_numbers->Resolve(
      call->request_context(), request.phone_number(),
      [call, scope, report](absl::StatusOr<v1::PhoneNumber> number) mutable {
        if (!number.ok()) return static_cast<void>(call->Complete(number.status()));
        scope.phone_number_id = number->phone_number_id();
        RunSources(call, std::move(scope), report);
      });
}

}  // namespace kapso::service
