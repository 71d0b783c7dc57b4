// `kapso-ops verify-signature`: checks a webhook signature locally, no RPC.
#ifndef CLI_SIGNATURE_COMMAND_H_
#define CLI_SIGNATURE_COMMAND_H_

#include "cli/command.h"

namespace kapso::cli {

Command SignatureCommand();

}  // namespace kapso::cli

#endif  // CLI_SIGNATURE_COMMAND_H_
