// kapso-ops: the command-line client of the kapso-ops gRPC service.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  kapso::cli::CliIo io{&std::cin, &std::cout, &std::cerr, isatty(STDOUT_FILENO) == 1,
                       [](const std::string& name) {
                         const char* value = std::getenv(name.c_str());
                         return std::string(value == nullptr ? "" : value);
                       }};
  return kapso::cli::RunCli(args, io);
}
