// `kapso-ops completion bash`: prints a bash completion script generated
// from the command table, so it can never disagree with the parser.
#ifndef CLI_COMPLETION_COMMAND_H_
#define CLI_COMPLETION_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::string BashCompletionScript(const std::vector<Command>& commands);

Command CompletionCommand();

}  // namespace kapso::cli

#endif  // CLI_COMPLETION_COMMAND_H_
