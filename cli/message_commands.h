// `kapso-ops messages list|get` and `kapso-ops conversations lookup`.
#ifndef KAPSO_OPS_CLI_MESSAGE_COMMANDS_H_
#define KAPSO_OPS_CLI_MESSAGE_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> MessageCommands();

}  // namespace kapso::cli

#endif  // KAPSO_OPS_CLI_MESSAGE_COMMANDS_H_
