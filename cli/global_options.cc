#include "cli/global_options.h"

namespace kapso::cli {

const std::vector<FlagSpec>& GlobalFlagSpecs() {
  static const auto* const kSpecs = new std::vector<FlagSpec>{
      StringFlag("server", "HOST:PORT",
                 "gRPC server (env KAPSO_OPS_SERVER, default localhost:50051)"),
      DurationFlag("timeout", "deadline of each call, e.g. 2s, 500ms (default 30s)"),
      BoolFlag("tls", "use TLS (e.g. behind a mesh gateway)"),
      StringFlag("ca-file", "FILE", "PEM CA bundle for TLS (implies --tls)"),
      StringFlag("tls-server-name", "NAME",
                 "name to verify in the server certificate (implies --tls)"),
      EnumFlag("output", {"json", "table"},
               "json (default when stdout is not a terminal) or table"),
  };
  return *kSpecs;
}

OutputFormat ResolveOutputFormat(const ParsedFlags& flags, bool stdout_is_tty) {
  if (flags.Has("output")) {
    return flags.GetString("output") == "table" ? OutputFormat::kTable : OutputFormat::kJson;
  }
  return stdout_is_tty ? OutputFormat::kTable : OutputFormat::kJson;
}

absl::StatusOr<GlobalOptions> MakeGlobalOptions(const ParsedFlags& flags, const EnvLookup& env,
                                                bool stdout_is_tty) {
  GlobalOptions options;
  if (flags.Has("server")) {
    options.server = flags.GetString("server");
  } else if (std::string from_env = env("KAPSO_OPS_SERVER"); !from_env.empty()) {
    options.server = from_env;
  }
  if (flags.Has("timeout")) {
    // Already validated by the parser.
    absl::ParseDuration(flags.GetString("timeout"), &options.timeout);
  }
  options.ca_file = flags.GetString("ca-file");
  options.tls_server_name = flags.GetString("tls-server-name");
  options.tls =
      flags.GetBool("tls") || !options.ca_file.empty() || !options.tls_server_name.empty();
  options.output = ResolveOutputFormat(flags, stdout_is_tty);
  return options;
}

}  // namespace kapso::cli
