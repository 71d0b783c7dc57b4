#include "cli/phone_number_commands.h"

#include <string>
#include <utility>

#include "cli/cli_status.h"
#include "cli/rpc_call.h"
#include "kapso/ops/v1/health.grpc.pb.h"

namespace kapso::cli {
namespace {

namespace v1 = kapso::ops::v1;

FlagSpec PhoneNumberFlag() {
  return StringFlag("phone-number", "NUMBER",
                    "the number as people write it, e.g. \"+1 555-010-0001\" "
                    "(instead of --phone-number-id)");
}

absl::Status Resolve(CommandEnv& env, const std::string& written, v1::PhoneNumber* number) {
  auto stub = NewStub<v1::Health>(env);
  if (!stub.ok()) return stub.status();
  v1::ResolvePhoneNumberRequest request;
  request.set_phone_number(written);
  std::unique_ptr<grpc::ClientContext> context = env.NewContext();
  grpc::Status s = (*stub)->ResolvePhoneNumber(context.get(), request, number);
  return s.ok() ? absl::OkStatus() : FromGrpcStatus(s);
}

// Runs `run` with --phone-number turned into --phone-number-id.
absl::Status RunResolved(const Handler& run, bool id_required, const ParsedFlags& flags,
                         CommandEnv& env) {
  if (flags.Has("phone-number") && flags.Has("phone-number-id")) {
    return UsageError("give --phone-number or --phone-number-id, not both", "phone-number");
  }
  if (!flags.Has("phone-number")) {
    if (id_required && !flags.Has("phone-number-id")) {
      return UsageError("--phone-number-id: required flag is missing (or give --phone-number)",
                        "phone-number-id");
    }
    return run(flags, env);
  }
  v1::PhoneNumber number;
  if (absl::Status s = Resolve(env, flags.GetString("phone-number"), &number); !s.ok()) return s;
  ParsedFlags resolved = flags;
  resolved.Set("phone-number-id", number.phone_number_id());
  return run(resolved, env);
}

absl::Status RunResolve(const ParsedFlags& flags, CommandEnv& env) {
  v1::PhoneNumber number;
  if (absl::Status s = Resolve(env, flags.GetString("phone-number"), &number); !s.ok()) return s;
  return env.printer().Data(number);
}

}  // namespace

Command WithPhoneNumberFlag(Command command) {
  FlagSpec* id = nullptr;
  for (FlagSpec& flag : command.flags) {
    if (flag.name == "phone-number-id") id = &flag;
    // `conversations lookup --phone-number` is the contact's number.
    if (flag.name == "phone-number") return command;
  }
  if (id == nullptr) return command;
  const bool id_required = id->required;
  id->required = false;
  command.flags.push_back(PhoneNumberFlag());
  command.run = [run = std::move(command.run), id_required](const ParsedFlags& flags,
                                                            CommandEnv& env) {
    return RunResolved(run, id_required, flags, env);
  };
  return command;
}

std::vector<Command> NumberCommands() {
  return {{"numbers",
           "resolve",
           "The project's phone number written as people write it",
           {Required(PhoneNumberFlag())},
           RunResolve,
           "Any common form: \"+1 555-010-0001\", \"15550100001\", \"+15550100001\"."}};
}

}  // namespace kapso::cli
