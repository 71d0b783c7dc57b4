// The command line's entry point: parses argv, prints help, dispatches to a
// command and turns the outcome into an exit code.
#ifndef CLI_APP_H_
#define CLI_APP_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "cli/global_options.h"

namespace kapso::cli {

// The process's surroundings, injected so tests can run the CLI in memory.
struct CliIo {
  std::istream* in;
  std::ostream* out;
  std::ostream* err;
  bool stdout_is_tty = false;
  EnvLookup env;
};

// Runs `kapso-ops args...` (args without the program name); returns the
// exit code (see cli_status.h).
int RunCli(const std::vector<std::string>& args, const CliIo& io);

}  // namespace kapso::cli

#endif  // CLI_APP_H_
