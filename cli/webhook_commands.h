// `kapso-ops webhooks list|get|create|update|delete|test`.
#ifndef KAPSO_OPS_CLI_WEBHOOK_COMMANDS_H_
#define KAPSO_OPS_CLI_WEBHOOK_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

std::vector<Command> WebhookCommands();

}  // namespace kapso::cli

#endif  // KAPSO_OPS_CLI_WEBHOOK_COMMANDS_H_
