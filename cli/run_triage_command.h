// `kapso-ops triage`: the computed triage (Triage.RunTriage).
#ifndef CLI_RUN_TRIAGE_COMMAND_H_
#define CLI_RUN_TRIAGE_COMMAND_H_

#include "cli/command.h"

namespace kapso::cli {

// triage [--phone-number-id ID | --phone-number NUM] [--period P] [--limit N]
Command RunTriageCommand();

}  // namespace kapso::cli

#endif  // CLI_RUN_TRIAGE_COMMAND_H_
