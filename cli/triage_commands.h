// `kapso-ops errors`, `api-logs` and `webhook-deliveries`.
#ifndef KAPSO_OPS_CLI_TRIAGE_COMMANDS_H_
#define KAPSO_OPS_CLI_TRIAGE_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> TriageCommands();

}  // namespace kapso::cli

#endif  // KAPSO_OPS_CLI_TRIAGE_COMMANDS_H_
