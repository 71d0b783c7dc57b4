#include "cli/run_triage_command.h"

#include "cli/cli_status.h"
#include "cli/common_flags.h"
#include "cli/rpc_call.h"
#include "cli/triage_report.h"
#include "kapso/ops/v1/triage.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

absl::Status RunTriage(const ParsedFlags& flags, CommandEnv& env) {
  if (flags.Has("phone-number") && flags.Has("phone-number-id")) {
    return UsageError("give --phone-number or --phone-number-id, not both", "phone-number");
  }
  auto stub = NewStub<v1::Triage>(env);
  if (!stub.ok()) return stub.status();
  v1::RunTriageRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  // Sent as written: the server resolves it (one call fewer than resolving here).
  request.set_phone_number(flags.GetString("phone-number"));
  request.set_period(PeriodOf(flags));
  request.set_limit(static_cast<int32_t>(flags.GetInt("limit")));
  v1::TriageReport report;
  std::unique_ptr<grpc::ClientContext> context = env.NewContext();
  grpc::Status s = (*stub)->RunTriage(context.get(), request, &report);
  if (!s.ok()) return FromGrpcStatus(s);
  return env.printer().Data(
      report, env.printer().format() == OutputFormat::kTable ? RenderTriageReport(report) : "");
}

}  // namespace

Command RunTriageCommand() {
  return {"",
          "triage",
          "Ranked findings over numbers, messages, webhooks and API calls",
          {StringFlag("phone-number-id", "ID", "only this number (Meta's id)"),
           StringFlag("phone-number", "NUMBER",
                      "only this number as people write it, e.g. \"+1 555-010-0001\""),
           PeriodFlag(), IntFlag("limit", 1, 100, "most items read per log source, 1-100")},
          RunTriage,
          "Runs the operations playbook: every number that is not plainly healthy, failed\n"
          "messages by Meta error code, failed webhook deliveries by webhook and outcome,\n"
          "API errors by status and endpoint; most urgent first. A source that cannot be\n"
          "read is a finding of its own."};
}

}  // namespace kapso::cli
