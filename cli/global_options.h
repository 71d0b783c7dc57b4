// Flags every command accepts, before or after the command words.
#ifndef CLI_GLOBAL_OPTIONS_H_
#define CLI_GLOBAL_OPTIONS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cli/flag_parser.h"

namespace kapso::cli {

enum class OutputFormat { kJson, kTable };

struct GlobalOptions {
  std::string server = "localhost:50051";
  absl::Duration timeout = absl::Seconds(30);  // Deadline of each RPC.
  bool tls = false;
  std::string ca_file;          // PEM roots for TLS; empty means system roots.
  std::string tls_server_name;  // Overrides the name checked in the cert.
  OutputFormat output = OutputFormat::kJson;
};

// Looks up an environment variable; empty when unset (injected for tests).
using EnvLookup = std::function<std::string(const std::string&)>;

// The global flag table (--server, --timeout, --tls, --ca-file, --output...).
const std::vector<FlagSpec>& GlobalFlagSpecs();

// The output format `flags` asks for; without --output, table on a terminal
// and json otherwise, so scripts and pipes always get JSON.
OutputFormat ResolveOutputFormat(const ParsedFlags& flags, bool stdout_is_tty);

// Builds the options from parsed global flags, falling back to the
// KAPSO_OPS_SERVER environment variable for --server.
absl::StatusOr<GlobalOptions> MakeGlobalOptions(const ParsedFlags& flags, const EnvLookup& env,
                                                bool stdout_is_tty);

}  // namespace kapso::cli

#endif  // CLI_GLOBAL_OPTIONS_H_
