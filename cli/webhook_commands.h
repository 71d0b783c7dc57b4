// `kapso-ops webhooks list|get|create|update|delete|test`.
#ifndef CLI_WEBHOOK_COMMANDS_H_
#define CLI_WEBHOOK_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> WebhookCommands();

}  // namespace kapso::cli

#endif  // CLI_WEBHOOK_COMMANDS_H_
