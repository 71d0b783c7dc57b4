// How a failure travels from a command to the exit code: an absl::Status
// whose payloads say what kind of failure it is.
#ifndef CLI_CLI_STATUS_H_
#define CLI_CLI_STATUS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace kapso::cli {

// Exit codes (documented in cli/README.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // RPC/upstream error, bad signature.
inline constexpr int kExitUsage = 2;        // Bad command line; no RPC made.
inline constexpr int kExitUnreachable = 3;  // No answer from the server.

// A failed RPC as an absl::Status; the server's google.rpc.Status (decoded
// from grpc-status-details-bin) rides along as a payload.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The google.rpc.Status a failed RPC carried, if any.
std::optional<google::rpc::Status> RpcStatusOf(const absl::Status& status);

// A command-line mistake (exit 2). `flag` (without dashes) is the flag at
// fault, reported as a BadRequest field violation; empty when none is.
absl::Status UsageError(absl::string_view message, absl::string_view flag = "");
// Marks a status from the flag parser (whose message starts with the flag)
// as a usage error.
absl::Status AsUsageError(const absl::Status& status);
bool IsUsageError(const absl::Status& status);
// The flag a usage error is about, or "".
std::string UsageErrorFlag(const absl::Status& status);

// A webhook signature that does not match (exit 1).
absl::Status InvalidSignatureError(absl::string_view message);

// The error code shown to users: a gRPC code name such as "NOT_FOUND", or
// "INVALID_SIGNATURE".
std::string ErrorCodeName(const absl::Status& status);

// kExitUsage, kExitUnreachable (transport failure or client deadline: no
// google.rpc.Status from the server) or kExitFailure.
int ExitCodeFor(const absl::Status& status);

}  // namespace kapso::cli

#endif  // CLI_CLI_STATUS_H_
