// `kapso-ops errors`, `api-logs` and `webhook-deliveries`.
#ifndef CLI_TRIAGE_COMMANDS_H_
#define CLI_TRIAGE_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> TriageCommands();

}  // namespace kapso::cli

#endif  // CLI_TRIAGE_COMMANDS_H_
