#include "sandbox/time_format.h"

#include <optional>

namespace kapso::sandbox {

std::string FormatUtc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string FormatUtcMicros(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

std::string UnixSeconds(absl::Time t) { return std::to_string(absl::ToUnixSeconds(t)); }

std::optional<absl::Time> ParseTime(absl::string_view text) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return std::nullopt;
  }
  return t;
}

}  // namespace kapso::sandbox
