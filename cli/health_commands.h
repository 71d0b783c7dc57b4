// `kapso-ops overview` and `kapso-ops health`.
#ifndef CLI_HEALTH_COMMANDS_H_
#define CLI_HEALTH_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> HealthCommands();

}  // namespace kapso::cli

#endif  // CLI_HEALTH_COMMANDS_H_
