// `kapso-ops verify-signature`: checks a webhook signature locally, no RPC.
#ifndef KAPSO_OPS_CLI_SIGNATURE_COMMAND_H_
#define KAPSO_OPS_CLI_SIGNATURE_COMMAND_H_

#include "cli/command.h"

namespace kapso::cli {

Command SignatureCommand();

}  // namespace kapso::cli

#endif  // KAPSO_OPS_CLI_SIGNATURE_COMMAND_H_
