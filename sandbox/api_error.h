// Errors as the sandbox answers them: an absl::Status that remembers the exact
// HTTP code Kapso would send, so handlers can return early with a status.
#ifndef SANDBOX_API_ERROR_H_
#define SANDBOX_API_ERROR_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace kapso::sandbox {

// A failed status carrying `http_code`; the body will be {"error": message}.
absl::Status ApiError(int http_code, absl::string_view message);

// Like ApiError, with an extra "message" field in the body (Kapso's legacy
// paging error sends {"error": ..., "message": "legacy_offset_..."}).
absl::Status ApiErrorWithMessage(int http_code, absl::string_view error, absl::string_view message);

// The HTTP code a status is answered with: its payload, else 500.
int HttpCodeOf(const absl::Status& status);

// The extra "message" field set by ApiErrorWithMessage, if any.
std::optional<std::string> ExtraMessageOf(const absl::Status& status);

}  // namespace kapso::sandbox

#endif  // SANDBOX_API_ERROR_H_
