// `kapso-ops messages list|get` and `kapso-ops conversations lookup`.
#ifndef CLI_MESSAGE_COMMANDS_H_
#define CLI_MESSAGE_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> MessageCommands();

}  // namespace kapso::cli

#endif  // CLI_MESSAGE_COMMANDS_H_
