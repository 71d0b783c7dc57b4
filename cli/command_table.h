// Every kapso-ops command, lookup by command words, and usage text.
#ifndef CLI_COMMAND_TABLE_H_
#define CLI_COMMAND_TABLE_H_

#include <string>
#include <vector>

#include "cli/command.h"

namespace kapso::cli {

// All commands, grouped commands first in group order.
const std::vector<Command>& AllCommands();

// The command `words` name ({"webhooks", "list"} or {"overview"}), or null.
const Command* FindCommand(const std::vector<std::string>& words);

// Whether `word` is a command group ("webhooks", "messages"...).
bool IsGroup(const std::string& word);

// Help text: all commands, one group's commands, or one command's flags.
std::string TopUsage();
std::string GroupUsage(const std::string& group);
std::string CommandUsage(const Command& command);

}  // namespace kapso::cli

#endif  // CLI_COMMAND_TABLE_H_
