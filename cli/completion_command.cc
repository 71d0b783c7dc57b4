#include "cli/completion_command.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/command_table.h"
#include "cli/global_options.h"

namespace kapso::cli {
namespace {

constexpr char kPrologue[] =
    R"(# bash completion for kapso-ops; load with: source <(kapso-ops completion bash)
_kapso_ops() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local path="" skip=0 i w words=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      --*=*) ;;
      --*) case " $_kapso_ops_valued " in *" $w "*) skip=1 ;; esac ;;
      *) path="${path:+$path }$w" ;;
    esac
  done
  case " $_kapso_ops_valued " in
    *" $prev "*)
      case "$path $prev" in
)";

constexpr char kEpilogue[] =
    R"(        *" --ca-file"|*" --body-file") COMPREPLY=($(compgen -f -- "$cur")) ;;
        *) COMPREPLY=() ;;
      esac
      return ;;
  esac
  case "$path" in
)";

std::string ValueCases(const std::string& path, const std::vector<FlagSpec>& flags) {
  std::string out;
  for (const FlagSpec& f : flags) {
    if (f.kind != FlagKind::kEnum) continue;
    const std::string values = absl::StrJoin(f.allowed, " ");
    absl::StrAppend(&out, "        \"", path, " --", f.name, "\") COMPREPLY=($(compgen -W \"",
                    values, "\" -- \"$cur\")) ;;\n");
  }
  return out;
}

std::string FlagNames(const std::vector<FlagSpec>& flags) {
  std::vector<std::string> names;
  for (const FlagSpec& f : flags) names.push_back(Dashed(f.name));
  return absl::StrJoin(names, " ");
}

}  // namespace

std::string BashCompletionScript(const std::vector<Command>& commands) {
  std::set<std::string> valued;
  std::map<std::string, std::set<std::string>> children;  // path -> next words
  std::string value_cases = ValueCases("*", GlobalFlagSpecs());
  std::string path_cases;
  const std::string globals = FlagNames(GlobalFlagSpecs()) + " --help";
  for (const FlagSpec& f : GlobalFlagSpecs()) {
    if (f.kind != FlagKind::kBool) valued.insert(Dashed(f.name));
  }
  for (const Command& c : commands) {
    children[""].insert(c.group.empty() ? c.name : c.group);
    if (!c.group.empty()) children[c.group].insert(c.name);
    for (const FlagSpec& f : c.flags) {
      if (f.kind != FlagKind::kBool) valued.insert(Dashed(f.name));
    }
    value_cases = ValueCases(c.Path(), c.flags) + value_cases;
    absl::StrAppend(&path_cases, "    \"", c.Path(), "\") words=\"", FlagNames(c.flags), " ",
                    globals, "\" ;;\n");
  }
  children[""].insert("help");
  for (const auto& [path, next] : children) {
    absl::StrAppend(&path_cases, "    \"", path, "\") words=\"", absl::StrJoin(next, " "),
                    "\" ;;\n");
  }
  // Bool flags may take true/false but are not "valued": completing values
  // after them would hide the next flag.
  return absl::StrCat("_kapso_ops_valued=\"", absl::StrJoin(valued, " "), "\"\n", kPrologue,
                      value_cases, kEpilogue, path_cases,
                      "  esac\n  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\n"
                      "complete -F _kapso_ops kapso-ops\n");
}

Command CompletionCommand() {
  return {"completion",
          "bash",
          "Print the bash completion script",
          {},
          [](const ParsedFlags&, CommandEnv& env) {
            env.printer().Text(BashCompletionScript(AllCommands()));
            return absl::OkStatus();
          },
          "Usage: source <(kapso-ops completion bash), or save the output as "
          "/etc/bash_completion.d/kapso-ops."};
}

}  // namespace kapso::cli
