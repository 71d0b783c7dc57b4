// The timestamp formats Kapso uses: RFC 3339 UTC with "Z", and Meta's Unix
// seconds as a decimal string.
#ifndef SANDBOX_TIME_FORMAT_H_
#define SANDBOX_TIME_FORMAT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace kapso::sandbox {

// "2026-01-20T14:25:30Z": whole seconds, so equal-format strings compare in
// time order (the filters rely on that).
std::string FormatUtc(absl::Time t);

// "2026-01-20T14:25:30.123456Z": the cursor's precision.
std::string FormatUtcMicros(absl::Time t);

// "1768919130".
std::string UnixSeconds(absl::Time t);

// Any RFC 3339 time (offset or "Z", optional fraction).
std::optional<absl::Time> ParseTime(absl::string_view text);

}  // namespace kapso::sandbox

#endif  // SANDBOX_TIME_FORMAT_H_
