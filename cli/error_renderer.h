// Renders a failure for the user: the JSON error document or readable text,
// including the google.rpc.Status details (ErrorInfo, RetryInfo, BadRequest)
// the server attached.
#ifndef CLI_ERROR_RENDERER_H_
#define CLI_ERROR_RENDERER_H_

#include <string>

#include "absl/status/status.h"

namespace kapso::cli {

// {"ok": false, "error": {"code": "NOT_FOUND", "message": ..., "details":
// [...]}} on one line; details in protobuf JSON with their "@type".
std::string RenderErrorJson(const absl::Status& status);

// "kapso-ops: NOT_FOUND: ..." followed by one indented line per detail.
std::string RenderErrorText(const absl::Status& status);

}  // namespace kapso::cli

#endif  // CLI_ERROR_RENDERER_H_
