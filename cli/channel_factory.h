// Creates the gRPC channel to the kapso-ops server.
#ifndef CLI_CHANNEL_FACTORY_H_
#define CLI_CHANNEL_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "cli/global_options.h"
#include "grpcpp/channel.h"

namespace kapso::cli {

// An insecure channel, or a TLS one (system roots or `ca_file`) when
// `options.tls`. Fails when the CA file cannot be read. The channel connects
// lazily, on the first call.
absl::StatusOr<std::shared_ptr<grpc::Channel>> CreateServerChannel(const GlobalOptions& options);

}  // namespace kapso::cli

#endif  // CLI_CHANNEL_FACTORY_H_
