#include "cli/command_table.h"

#include "absl/strings/str_cat.h"
#include "cli/completion_command.h"
#include "cli/global_options.h"
#include "cli/health_commands.h"
#include "cli/message_commands.h"
#include "cli/phone_number_commands.h"
#include "cli/run_triage_command.h"
#include "cli/signature_command.h"
#include "cli/triage_commands.h"
#include "cli/webhook_commands.h"

namespace kapso::cli {
namespace {

std::vector<Command> BuildTable() {
  std::vector<Command> all;
  for (auto group : {WebhookCommands(), MessageCommands(), TriageCommands(), HealthCommands(),
                     NumberCommands()}) {
    for (Command& command : group) all.push_back(WithPhoneNumberFlag(std::move(command)));
  }
  all.push_back(RunTriageCommand());  // its --phone-number is resolved by the server
  all.push_back(SignatureCommand());
  all.push_back(CompletionCommand());
  return all;
}

std::string FlagLines(const std::vector<FlagSpec>& flags) {
  size_t width = 0;
  std::vector<std::pair<std::string, std::string>> lines;
  for (const FlagSpec& f : flags) {
    std::string left = Dashed(f.name);
    if (f.kind != FlagKind::kBool) absl::StrAppend(&left, " ", f.value_name);
    lines.emplace_back(left, f.required ? f.help + " (required)" : f.help);
    width = std::max(width, left.size());
  }
  std::string out;
  for (const auto& [left, help] : lines) {
    absl::StrAppend(&out, "  ", left, std::string(width - left.size() + 2, ' '), help, "\n");
  }
  return out;
}

std::string CommandLines(const std::string& group) {
  std::string out;
  for (const Command& c : AllCommands()) {
    if (!group.empty() && c.group != group) continue;
    const std::string path = c.Path();
    absl::StrAppend(&out, "  ", path, std::string(path.size() < 24 ? 24 - path.size() : 1, ' '),
                    c.summary, "\n");
  }
  return out;
}

}  // namespace

const std::vector<Command>& AllCommands() {
  static const auto* const kCommands = new std::vector<Command>(BuildTable());
  return *kCommands;
}

const Command* FindCommand(const std::vector<std::string>& words) {
  for (const Command& c : AllCommands()) {
    const bool match = c.group.empty()
                           ? words.size() == 1 && words[0] == c.name
                           : words.size() == 2 && words[0] == c.group && words[1] == c.name;
    if (match) return &c;
  }
  return nullptr;
}

bool IsGroup(const std::string& word) {
  for (const Command& c : AllCommands()) {
    if (!c.group.empty() && c.group == word) return true;
  }
  return false;
}

std::string TopUsage() {
  return absl::StrCat(
      "Usage: kapso-ops [global flags] COMMAND [flags]\n\n"
      "Operate and troubleshoot a Kapso project through the kapso-ops server.\n\n"
      "Commands:\n",
      CommandLines(""), "\nGlobal flags (before or after the command):\n",
      FlagLines(GlobalFlagSpecs()),
      "\nRun 'kapso-ops COMMAND --help' for a command's flags.\n"
      "Exit codes: 0 ok, 1 RPC/upstream error or invalid signature, 2 usage "
      "error, 3 server unreachable or deadline exceeded.\n");
}

std::string GroupUsage(const std::string& group) {
  return absl::StrCat("Usage: kapso-ops ", group, " SUBCOMMAND [flags]\n\n", "Subcommands:\n",
                      CommandLines(group));
}

std::string CommandUsage(const Command& command) {
  std::string out =
      absl::StrCat("Usage: kapso-ops ", command.Path(), " [flags]\n\n", command.summary, ".\n");
  if (!command.notes.empty()) absl::StrAppend(&out, command.notes, "\n");
  if (!command.flags.empty()) {
    absl::StrAppend(&out, "\nFlags:\n", FlagLines(command.flags));
  }
  absl::StrAppend(&out, "\nGlobal flags:\n", FlagLines(GlobalFlagSpecs()));
  return out;
}

}  // namespace kapso::cli
