// What a command is (its words, flags and handler) and what a handler gets
// to work with.
#ifndef CLI_COMMAND_H_
#define CLI_COMMAND_H_

#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/flag_parser.h"
#include "cli/global_options.h"
#include "cli/printer.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace kapso::cli {

// The resources a handler uses. Channel creation is deferred so commands
// that make no RPC (verify-signature, completion) never start gRPC.
class CommandEnv {
 public:
  CommandEnv(GlobalOptions options, Printer* printer, std::istream* in)
      : options_(std::move(options)), printer_(printer), in_(in) {}

  const GlobalOptions& options() const { return options_; }
  Printer& printer() { return *printer_; }
  std::istream& in() { return *in_; }
  // The channel to the server, created on first use.
  absl::StatusOr<std::shared_ptr<grpc::Channel>> Channel();
  // A fresh context whose deadline is --timeout from now (one per call).
  std::unique_ptr<grpc::ClientContext> NewContext() const;

 private:
  GlobalOptions options_;
  Printer* printer_;
  std::istream* in_;
  std::shared_ptr<grpc::Channel> channel_;
};

// Runs a command whose flags are already valid. Prints its result through
// env.printer() and returns OK, or returns the failure for the caller to
// render (UsageError for mistakes found before any RPC).
using Handler = std::function<absl::Status(const ParsedFlags&, CommandEnv&)>;

struct Command {
  std::string group;  // "webhooks", or "" for a top-level command.
  std::string name;   // "list", or the top-level command's name.
  std::string summary;
  std::vector<FlagSpec> flags;
  Handler run;
  // Extra usage text, e.g. a constraint between flags.
  std::string notes;

  // "webhooks list" or "overview".
  std::string Path() const { return group.empty() ? name : group + " " + name; }
};

}  // namespace kapso::cli

#endif  // CLI_COMMAND_H_
