#include "cli/health_commands.h"

#include "cli/common_flags.h"
#include "cli/health_report.h"
#include "cli/rpc_call.h"
#include "kapso/ops/v1/health.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

absl::Status RunOverview(const ParsedFlags& flags, CommandEnv& env) {
  auto stub = NewStub<v1::Health>(env);
  if (!stub.ok()) return stub.status();
  v1::GetProjectOverviewRequest request;
  request.set_period(PeriodOf(flags));
  return CallAndPrint<v1::ProjectOverview>(env, [&](auto* context, auto* response) {
    return (*stub)->GetProjectOverview(context, request, response);
  });
}

absl::Status RunHealth(const ParsedFlags& flags, CommandEnv& env) {
  auto stub = NewStub<v1::Health>(env);
  if (!stub.ok()) return stub.status();
  v1::CheckPhoneNumberHealthRequest request;
  request.set_phone_number_id(flags.GetString("phone-number-id"));
  v1::PhoneNumberHealth health;
  std::unique_ptr<grpc::ClientContext> context = env.NewContext();
  grpc::Status s = (*stub)->CheckPhoneNumberHealth(context.get(), request, &health);
  if (!s.ok()) return FromGrpcStatus(s);
  return env.printer().Data(health, env.printer().format() == OutputFormat::kTable
                                        ? RenderHealthReport(request.phone_number_id(), health)
                                        : "");
}

}  // namespace

std::vector<Command> HealthCommands() {
  return {
      {"",
       "overview",
       "Phone numbers, API calls and webhook deliveries at a glance",
       {PeriodFlag()},
       RunOverview},
      {"",
       "health",
       "Health check of one WhatsApp phone number",
       {Required(StringFlag("phone-number-id", "ID", "the phone number"))},
       RunHealth},
  };
}

}  // namespace kapso::cli
