// `kapso-ops overview` and `kapso-ops health`.
#ifndef KAPSO_OPS_CLI_HEALTH_COMMANDS_H_
#define KAPSO_OPS_CLI_HEALTH_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> HealthCommands();

}  // namespace kapso::cli

#endif  // KAPSO_OPS_CLI_HEALTH_COMMANDS_H_
