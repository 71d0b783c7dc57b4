// Phone numbers as people write them: `numbers resolve`, and --phone-number
// on every command that takes --phone-number-id.
#ifndef CLI_PHONE_NUMBER_COMMANDS_H_
#define CLI_PHONE_NUMBER_COMMANDS_H_

#include <vector>

#include "cli/command.h"

namespace kapso::cli {

// `command` with --phone-number beside its --phone-number-id: the number as
// written ("+1 555-010-0001"), resolved by the server
// (Health.ResolvePhoneNumber) into the id before the command runs. Giving
// both is a usage error; where the id was required, one of the two is.
// Commands without --phone-number-id, or with a --phone-number of their own
// (conversations lookup: the contact's number), are returned as they are.
Command WithPhoneNumberFlag(Command command);

// numbers resolve --phone-number NUMBER
std::vector<Command> NumberCommands();

}  // namespace kapso::cli

#endif  // CLI_PHONE_NUMBER_COMMANDS_H_
