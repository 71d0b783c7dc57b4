#include "cli/triage_commands.h"

#include "cli/cli_status.h"
#include "cli/common_flags.h"
#include "cli/follow_call.h"
#include "cli/rpc_call.h"
#include "kapso/ops/v1/triage.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

// --follow takes the list's filters but not its paging or window; a
// --resume-token means nothing without it.
absl::Status CheckFollowFlags(const ParsedFlags& flags,
                              std::initializer_list<const char*> list_only) {
  if (!flags.GetBool("follow")) {
    if (flags.Has("resume-token"))
      return UsageError("--resume-token needs --follow", "resume-token");
    return absl::OkStatus();
  }
  for (const char* name : list_only) {
    if (flags.Has(name)) {
      return UsageError(std::string("--") + name + " cannot be used with --follow", name);
    }
  }
  return absl::OkStatus();
}

absl::Status FollowErrors(const ParsedFlags& flags, CommandEnv& env, v1::Triage::Stub& stub) {
  v1::FollowMessageErrorsRequest request;
  request.set_phone_number(flags.GetString("phone-number"));
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  request.set_resume_token(flags.GetString("resume-token"));
  return FollowAndPrint<v1::FollowMessageErrorsResponse>(
      env, [&](grpc::ClientContext* context) { return stub.FollowMessageErrors(context, request); },
      [](const v1::FollowMessageErrorsResponse& r) { return r.messages_size(); });
}

absl::Status FollowApiLogs(const ParsedFlags& flags, CommandEnv& env, v1::Triage::Stub& stub) {
  v1::FollowApiLogsRequest request;
  request.set_endpoint(flags.GetString("endpoint"));
  request.set_status_code(static_cast<int32_t>(flags.GetInt("status-code")));
  request.set_errors_only(flags.GetBool("errors-only"));
  request.set_resume_token(flags.GetString("resume-token"));
  return FollowAndPrint<v1::FollowApiLogsResponse>(
      env, [&](grpc::ClientContext* context) { return stub.FollowApiLogs(context, request); },
      [](const v1::FollowApiLogsResponse& r) { return r.api_logs_size(); });
}

absl::Status FollowDeliveries(const ParsedFlags& flags, CommandEnv& env, v1::Triage::Stub& stub) {
  v1::FollowWebhookDeliveriesRequest request;
  request.set_status(flags.GetString("status"));
  request.set_event(flags.GetString("event"));
  request.set_webhook_id(flags.GetString("webhook-id"));
  request.set_errors_only(flags.GetBool("errors-only"));
  request.set_resume_token(flags.GetString("resume-token"));
  return FollowAndPrint<v1::FollowWebhookDeliveriesResponse>(
      env,
      [&](grpc::ClientContext* context) { return stub.FollowWebhookDeliveries(context, request); },
      [](const v1::FollowWebhookDeliveriesResponse& r) { return r.deliveries_size(); });
}

absl::Status RunErrors(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckFollowFlags(flags, {"period", "limit"}); !s.ok()) return s;
  auto stub = NewStub<v1::Triage>(env);
  if (!stub.ok()) return stub.status();
  if (flags.GetBool("follow")) return FollowErrors(flags, env, **stub);
  v1::ListMessageErrorsRequest request;
  request.set_period(PeriodOf(flags));
  request.set_limit(static_cast<int32_t>(flags.GetInt("limit")));
  request.set_phone_number(flags.GetString("phone-number"));
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  return CallAndPrint<v1::ListMessageErrorsResponse>(env, [&](auto* context, auto* response) {
    return (*stub)->ListMessageErrors(context, request, response);
  });
}

absl::Status RunApiLogs(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckFollowFlags(flags, {"period", "per-page", "page-token", "all"});
      !s.ok()) {
    return s;
  }
  auto stub = NewStub<v1::Triage>(env);
  if (!stub.ok()) return stub.status();
  if (flags.GetBool("follow")) return FollowApiLogs(flags, env, **stub);
  v1::ListApiLogsRequest request;
  request.set_period(PeriodOf(flags));
  request.set_endpoint(flags.GetString("endpoint"));
  request.set_status_code(static_cast<int32_t>(flags.GetInt("status-code")));
  request.set_errors_only(flags.GetBool("errors-only"));
  request.set_page_size(static_cast<int32_t>(flags.GetInt("per-page")));
  request.set_page_token(flags.GetString("page-token"));
  return ListAndPrint(env, **stub, std::move(request), flags.GetBool("all"),
                      &v1::Triage::Stub::ListApiLogs);
}

absl::Status RunDeliveries(const ParsedFlags& flags, CommandEnv& env) {
  if (absl::Status s = CheckFollowFlags(flags, {"period", "per-page", "page-token", "all"});
      !s.ok()) {
    return s;
  }
  auto stub = NewStub<v1::Triage>(env);
  if (!stub.ok()) return stub.status();
  if (flags.GetBool("follow")) return FollowDeliveries(flags, env, **stub);
  v1::ListWebhookDeliveriesRequest request;
  request.set_period(PeriodOf(flags));
  request.set_status(flags.GetString("status"));
  request.set_event(flags.GetString("event"));
  request.set_webhook_id(flags.GetString("webhook-id"));
  request.set_errors_only(flags.GetBool("errors-only"));
  request.set_page_size(static_cast<int32_t>(flags.GetInt("per-page")));
  request.set_page_token(flags.GetString("page-token"));
  return ListAndPrint(env, **stub, std::move(request), flags.GetBool("all"),
                      &v1::Triage::Stub::ListWebhookDeliveries);
}

FlagSpec ErrorsOnlyFlag(const char* what) { return BoolFlag("errors-only", what); }

FlagSpec FollowFlag(const char* what) {
  return BoolFlag("follow", std::string("stream new ") + what +
                                " as they appear, until Ctrl-C (the resume token goes to stderr)");
}

FlagSpec ResumeTokenFlag() {
  return StringFlag("resume-token", "T", "with --follow: continue after an earlier stream's token");
}

}  // namespace

std::vector<Command> TriageCommands() {
  return {
      {"",
       "errors",
       "Failed messages, API errors and failed webhook deliveries",
       {PeriodFlag(), IntFlag("limit", 1, 100, "most items per source, 1-100"),
        StringFlag("phone-number", "P", "only failed messages to this customer"),
        StringFlag("phone-number-id", "ID", "only failed messages through this number"),
        FollowFlag("failed messages"), ResumeTokenFlag()},
       RunErrors},
      {"",
       "api-logs",
       "Calls made to Kapso's API with the project's keys",
       {PeriodFlag(), StringFlag("endpoint", "E", "only endpoints containing E"),
        IntFlag("status-code", 100, 599, "only this HTTP status"),
        ErrorsOnlyFlag("only HTTP statuses >= 400"), PerPageFlag(), PageTokenFlag(), AllFlag(),
        FollowFlag("log entries"), ResumeTokenFlag()},
       RunApiLogs},
      {"",
       "webhook-deliveries",
       "Kapso's deliveries to the project's webhooks",
       {PeriodFlag(), EnumFlag("status", {"pending", "delivered", "failed"}, "only this status"),
        StringFlag("event", "E", "only this event name"),
        StringFlag("webhook-id", "ID", "only deliveries to this webhook"),
        ErrorsOnlyFlag("only failed deliveries and HTTP errors"), PerPageFlag(), PageTokenFlag(),
        AllFlag(), FollowFlag("deliveries"), ResumeTokenFlag()},
       RunDeliveries},
  };
}

}  // namespace kapso::cli
