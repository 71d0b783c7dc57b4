// Table-driven parsing of `--kebab-case` flags, shared by every command.
//
// absl flags cannot spell `--phone-number-id`, and the original Node scripts'
// flag names must carry over one to one, so each command declares its flags
// as FlagSpec rows and one parser validates them all before any RPC is made.
#ifndef CLI_FLAG_PARSER_H_
#define CLI_FLAG_PARSER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace kapso::cli {

enum class FlagKind {
  kBool,      // `--x`, `--x=true|false` or `--x true|false`.
  kInt,       // A decimal integer within [min, max].
  kString,    // Any non-empty text.
  kEnum,      // One of `allowed`.
  kDuration,  // An absl duration such as 2s or 500ms, greater than zero.
};

// One flag a command accepts.
struct FlagSpec {
  std::string name;  // Without the leading dashes, e.g. "phone-number-id".
  FlagKind kind = FlagKind::kString;
  std::string help;
  bool required = false;
  std::vector<std::string> allowed;  // kEnum only.
  int64_t min = INT64_MIN;           // kInt only.
  int64_t max = INT64_MAX;           // kInt only.
  std::string value_name = "VALUE";  // Shown in usage, e.g. "ID".
};

// Builders that keep command tables to one line per flag.
FlagSpec StringFlag(std::string name, std::string value_name, std::string help);
FlagSpec IntFlag(std::string name, int64_t min, int64_t max, std::string help);
FlagSpec BoolFlag(std::string name, std::string help);
FlagSpec EnumFlag(std::string name, std::vector<std::string> allowed, std::string help);
FlagSpec DurationFlag(std::string name, std::string help);
// `spec`, marked required.
FlagSpec Required(FlagSpec spec);

// Flag values after validation, by flag name.
class ParsedFlags {
 public:
  bool Has(absl::string_view name) const { return values_.contains(name); }
  // The raw value, or "" when the flag was not given.
  std::string GetString(absl::string_view name) const;
  // Parsed values; only call these for flags of the matching kind.
  int64_t GetInt(absl::string_view name, int64_t fallback = 0) const;
  bool GetBool(absl::string_view name, bool fallback = false) const;
  void Set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  size_t size() const { return values_.size(); }

 private:
  absl::flat_hash_map<std::string, std::string> values_;
};

// Returns the spec named `name`, or nullptr.
const FlagSpec* FindFlag(absl::Span<const FlagSpec> specs, absl::string_view name);

// Checks `value` against `spec`; the error names the flag.
absl::Status ValidateFlagValue(const FlagSpec& spec, absl::string_view value);

// Parses the flag at args[*index] (which starts with "--") if `specs` knows
// it: stores it in `out`, advances *index past the flag and its value and
// returns true. Returns false (and leaves *index) when the name is unknown
// to `specs`, so the caller can try another table. Errors name the flag.
absl::StatusOr<bool> ParseOneFlag(absl::Span<const std::string> args, size_t* index,
                                  absl::Span<const FlagSpec> specs, ParsedFlags* out);

// Fails naming the first required flag of `specs` missing from `flags`.
absl::Status CheckRequiredFlags(absl::Span<const FlagSpec> specs, const ParsedFlags& flags);

// The flag's name as typed: "--phone-number-id".
std::string Dashed(absl::string_view name);

}  // namespace kapso::cli

#endif  // CLI_FLAG_PARSER_H_
