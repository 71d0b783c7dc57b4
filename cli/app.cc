#include "cli/app.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/cli_status.h"
#include "cli/command_table.h"
#include "cli/printer.h"

namespace kapso::cli {
namespace {

// What the command line asks for, once parsed.
struct Invocation {
  std::vector<std::string> words;    // Command words seen so far.
  const Command* command = nullptr;  // Set once `words` name a command.
  ParsedFlags globals;
  ParsedFlags flags;
  bool help = false;
};

absl::Status ParseFlagArg(const std::vector<std::string>& args, size_t* i, Invocation* inv) {
  if (inv->command != nullptr) {
    absl::StatusOr<bool> known = ParseOneFlag(args, i, inv->command->flags, &inv->flags);
    if (!known.ok()) return AsUsageError(known.status());
    if (*known) return absl::OkStatus();
  }
  absl::StatusOr<bool> known = ParseOneFlag(args, i, GlobalFlagSpecs(), &inv->globals);
  if (!known.ok()) return AsUsageError(known.status());
  if (*known) return absl::OkStatus();
  const std::string name = args[*i].substr(0, args[*i].find('='));
  std::string where = inv->command != nullptr
                          ? absl::StrCat(" for 'kapso-ops ", inv->command->Path(), "'")
                          : " (command flags go after the command)";
  return UsageError(absl::StrCat(name, ": unknown flag", where), name.substr(2));
}

absl::Status ParseWord(const std::string& word, Invocation* inv) {
  if (inv->command != nullptr) {
    return UsageError(absl::StrCat("unexpected argument \"", word, "\""));
  }
  if (inv->words.empty() && word == "help") {
    inv->help = true;  // "kapso-ops help webhooks list" reads as --help.
    return absl::OkStatus();
  }
  inv->words.push_back(word);
  inv->command = FindCommand(inv->words);
  if (inv->command == nullptr && !(inv->words.size() == 1 && IsGroup(word))) {
    return UsageError(absl::StrCat("unknown command \"", absl::StrJoin(inv->words, " "),
                                   "\" (see kapso-ops --help)"));
  }
  return absl::OkStatus();
}

// A bare boolean flag followed by a stray word ("--has-media yes") is a bad
// value for that flag, and the error should say so.
absl::Status StrayWordError(const std::vector<std::string>& args, size_t i, const Invocation& inv) {
  if (i > 0 && inv.command != nullptr && absl::StartsWith(args[i - 1], "--") &&
      !absl::StrContains(args[i - 1], '=')) {
    const std::string name = args[i - 1].substr(2);
    const FlagSpec* spec = FindFlag(inv.command->flags, name);
    if (spec == nullptr) spec = FindFlag(GlobalFlagSpecs(), name);
    if (spec != nullptr && spec->kind == FlagKind::kBool) {
      return AsUsageError(ValidateFlagValue(*spec, args[i]));
    }
  }
  return UsageError(absl::StrCat("unexpected argument \"", args[i], "\""));
}

absl::Status Parse(const std::vector<std::string>& args, Invocation* inv) {
  for (size_t i = 0; i < args.size();) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      inv->help = true;
      ++i;
    } else if (absl::StartsWith(arg, "--")) {
      if (absl::Status s = ParseFlagArg(args, &i, inv); !s.ok()) return s;
    } else if (inv->command != nullptr) {
      return StrayWordError(args, i, *inv);
    } else {
      if (absl::Status s = ParseWord(arg, inv); !s.ok()) return s;
      ++i;
    }
  }
  if (inv->help) return absl::OkStatus();
  if (inv->command == nullptr) {
    return inv->words.empty() ? UsageError("missing command (see kapso-ops --help)")
                              : UsageError(absl::StrCat("missing subcommand (see kapso-ops ",
                                                        inv->words[0], " --help)"));
  }
  absl::Status required = CheckRequiredFlags(inv->command->flags, inv->flags);
  return required.ok() ? required : AsUsageError(required);
}

std::string HelpFor(const Invocation& inv) {
  if (inv.command != nullptr) return CommandUsage(*inv.command);
  if (!inv.words.empty() && IsGroup(inv.words[0])) return GroupUsage(inv.words[0]);
  return TopUsage();
}

}  // namespace

int RunCli(const std::vector<std::string>& args, const CliIo& io) {
  Invocation inv;
  absl::Status parsed = Parse(args, &inv);
  Printer printer(ResolveOutputFormat(inv.globals, io.stdout_is_tty), *io.out, *io.err);
  if (inv.help) {
    printer.Text(HelpFor(inv));
    return kExitOk;
  }
  if (!parsed.ok()) {
    printer.Error(parsed);
    return kExitUsage;
  }
  absl::StatusOr<GlobalOptions> options = MakeGlobalOptions(inv.globals, io.env, io.stdout_is_tty);
  if (!options.ok()) {
    printer.Error(AsUsageError(options.status()));
    return kExitUsage;
  }
  CommandEnv env(*std::move(options), &printer, io.in);
  absl::Status result = inv.command->run(inv.flags, env);
  if (!result.ok()) printer.Error(result);
  return ExitCodeFor(result);
}

}  // namespace kapso::cli
