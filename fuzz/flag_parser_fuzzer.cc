// The CLI's flag parsing (cli/flag_parser.h, the global flags of
// cli/global_options.h) over any argv. The input is argv split at '\0'. As in
// the CLI, each "--" word is offered to a command's table, then to the global
// one; every flag accepted must have a value its spec validates, and parsing
// must always move forward.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "cli/common_flags.h"
#include "cli/flag_parser.h"
#include "cli/global_options.h"
#include "fuzz/fuzz_input.h"

namespace cli = kapso::cli;

namespace {

const std::vector<cli::FlagSpec>& CommandFlags() {
  static const auto* specs = new std::vector<cli::FlagSpec>{
      cli::Required(cli::StringFlag("phone-number-id", "ID", "the number")),
      cli::IntFlag("limit", 1, 100, "how many"),
      cli::BoolFlag("dry-run", "do nothing"),
      cli::EnumFlag("kind", {"account", "phone_number"}, "kind"),
      cli::DurationFlag("wait", "how long"),
      cli::PeriodFlag(),
      cli::PerPageFlag(),
      cli::PageTokenFlag(),
      cli::AllFlag(),
  };
  return *specs;
}

// Offers args[*i] to `specs`; checks what it stored. Returns whether known.
bool Offer(const std::vector<std::string>& args, size_t* i, const std::vector<cli::FlagSpec>& specs,
           cli::ParsedFlags* out) {
  size_t before = *i;
  auto known = cli::ParseOneFlag(args, i, specs, out);
  if (!known.ok() || !*known) {
    KAPSO_FUZZ_CHECK(*i == before);
    return known.ok() ? false : true;  // an error ends this word too
  }
  KAPSO_FUZZ_CHECK(*i > before && *i <= args.size());
  for (const cli::FlagSpec& spec : specs) {
    if (!out->Has(spec.name)) continue;
    KAPSO_FUZZ_CHECK(cli::ValidateFlagValue(spec, out->GetString(spec.name)).ok());
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args = kapso::fuzz::SplitInput(kapso::fuzz::AsText(data, size), '\0');
  cli::ParsedFlags flags, globals;
  for (size_t i = 0; i < args.size();) {
    if (!absl::StartsWith(args[i], "--")) {
      ++i;
      continue;
    }
    size_t before = i;
    if (Offer(args, &i, CommandFlags(), &flags)) {
      if (i == before) ++i;
      continue;
    }
    if (!Offer(args, &i, cli::GlobalFlagSpecs(), &globals) || i == before) ++i;
  }
  (void)cli::CheckRequiredFlags(CommandFlags(), flags);
  (void)cli::MakeGlobalOptions(
      globals, [](const std::string&) { return ""; }, false);
  return 0;
}
