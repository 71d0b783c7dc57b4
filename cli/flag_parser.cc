#include "cli/flag_parser.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace kapso::cli {
namespace {

bool IsBoolLiteral(absl::string_view v) { return v == "true" || v == "false"; }

absl::Status BadValue(const FlagSpec& spec, absl::string_view value, absl::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat(Dashed(spec.name), ": invalid value \"", value, "\" (", expected, ")"));
}

absl::Status ValidateInt(const FlagSpec& spec, absl::string_view value) {
  int64_t n = 0;
  if (!absl::SimpleAtoi(value, &n)) {
    return BadValue(spec, value, "expected an integer");
  }
  if (n < spec.min || n > spec.max) {
    return BadValue(spec, value, absl::StrCat("expected ", spec.min, " to ", spec.max));
  }
  return absl::OkStatus();
}

}  // namespace

FlagSpec StringFlag(std::string name, std::string value_name, std::string help) {
  FlagSpec spec;
  spec.name = std::move(name);
  spec.value_name = std::move(value_name);
  spec.help = std::move(help);
  return spec;
}

FlagSpec IntFlag(std::string name, int64_t min, int64_t max, std::string help) {
  FlagSpec spec = StringFlag(std::move(name), "N", std::move(help));
  spec.kind = FlagKind::kInt;
  spec.min = min;
  spec.max = max;
  return spec;
}

FlagSpec BoolFlag(std::string name, std::string help) {
  FlagSpec spec = StringFlag(std::move(name), "true|false", std::move(help));
  spec.kind = FlagKind::kBool;
  return spec;
}

FlagSpec EnumFlag(std::string name, std::vector<std::string> allowed, std::string help) {
  FlagSpec spec = StringFlag(std::move(name), absl::StrJoin(allowed, "|"), std::move(help));
  spec.kind = FlagKind::kEnum;
  spec.allowed = std::move(allowed);
  return spec;
}

FlagSpec DurationFlag(std::string name, std::string help) {
  FlagSpec spec = StringFlag(std::move(name), "DURATION", std::move(help));
  spec.kind = FlagKind::kDuration;
  return spec;
}

FlagSpec Required(FlagSpec spec) {
  spec.required = true;
  return spec;
}

std::string Dashed(absl::string_view name) { return absl::StrCat("--", name); }

std::string ParsedFlags::GetString(absl::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? "" : it->second;
}

int64_t ParsedFlags::GetInt(absl::string_view name, int64_t fallback) const {
  int64_t n = fallback;
  auto it = values_.find(name);
  if (it != values_.end() && !absl::SimpleAtoi(it->second, &n)) n = fallback;
  return n;
}

bool ParsedFlags::GetBool(absl::string_view name, bool fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second == "true";
}

const FlagSpec* FindFlag(absl::Span<const FlagSpec> specs, absl::string_view name) {
  auto it =
      std::find_if(specs.begin(), specs.end(), [&](const FlagSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

absl::Status ValidateFlagValue(const FlagSpec& spec, absl::string_view value) {
  switch (spec.kind) {
    case FlagKind::kBool:
      if (!IsBoolLiteral(value)) return BadValue(spec, value, "true or false");
      return absl::OkStatus();
    case FlagKind::kInt:
      return ValidateInt(spec, value);
    case FlagKind::kEnum:
      if (std::find(spec.allowed.begin(), spec.allowed.end(), value) == spec.allowed.end()) {
        return BadValue(spec, value, absl::StrCat("one of ", absl::StrJoin(spec.allowed, "|")));
      }
      return absl::OkStatus();
    case FlagKind::kDuration: {
      absl::Duration d;
      if (!absl::ParseDuration(value, &d) || d <= absl::ZeroDuration()) {
        return BadValue(spec, value, "a positive duration such as 2s or 500ms");
      }
      return absl::OkStatus();
    }
    case FlagKind::kString:
      if (value.empty()) return BadValue(spec, value, "must not be empty");
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

namespace {

// A flag's value given as the next argument (`--flag value`): a bare
// boolean means true, or takes a following true/false; any other kind needs
// a value, and one that looks like a flag means the value was forgotten.
absl::StatusOr<absl::string_view> NextValue(absl::Span<const std::string> args, size_t* next,
                                            const FlagSpec& spec, absl::string_view name) {
  if (spec.kind == FlagKind::kBool) {
    if (*next < args.size() && IsBoolLiteral(args[*next])) return args[(*next)++];
    return absl::string_view("true");
  }
  if (*next >= args.size() || absl::StartsWith(args[*next], "--")) {
    return absl::InvalidArgumentError(
        absl::StrCat(Dashed(name), ": missing value (", spec.value_name, ")"));
  }
  return args[(*next)++];
}

}  // namespace

absl::StatusOr<bool> ParseOneFlag(absl::Span<const std::string> args, size_t* index,
                                  absl::Span<const FlagSpec> specs, ParsedFlags* out) {
  absl::string_view body = args[*index];
  if (!absl::ConsumePrefix(&body, "--")) return false;
  const size_t eq = body.find('=');
  const absl::string_view name = body.substr(0, eq);
  const FlagSpec* spec = FindFlag(specs, name);
  if (spec == nullptr) return false;
  size_t next = *index + 1;
  absl::StatusOr<absl::string_view> value =
      eq != absl::string_view::npos ? body.substr(eq + 1) : NextValue(args, &next, *spec, name);
  if (!value.ok()) return value.status();
  if (absl::Status s = ValidateFlagValue(*spec, *value); !s.ok()) return s;
  if (out->Has(spec->name)) {
    return absl::InvalidArgumentError(absl::StrCat(Dashed(name), ": given more than once"));
  }
  out->Set(spec->name, std::string(*value));
  *index = next;
  return true;
}

absl::Status CheckRequiredFlags(absl::Span<const FlagSpec> specs, const ParsedFlags& flags) {
  for (const FlagSpec& spec : specs) {
    if (spec.required && !flags.Has(spec.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(Dashed(spec.name), ": required flag is missing"));
    }
  }
  return absl::OkStatus();
}

}  // namespace kapso::cli
