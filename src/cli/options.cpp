#include "cli/options.h"

#include <map>

#include <fmt/core.h>

#include "cli/set_option.h"

namespace miglint {

namespace {

const char* const kCommandsUsage = R"(miglint: a consistency linter for Drizzle Kit SQL migrations

Usage:
  miglint [check] [PATH...] [options]   lint migrations folders (the default command)
  miglint status [PATH] --database-url URL
                                        one row per migration: applied, pending, skipped, edited...
  miglint repair [PATH] --database-url URL (--mark-applied TAG,... | --forget-unknown) [--apply]
                                        print (or, with --apply, run) the SQL that fixes the
                                        migrations table
  miglint lsp                           a language server over stdio (lint on open and save)
  miglint rules [GROUP|RULE...]         list the rules (of these groups) with their group
                                        and default severity
  miglint explain RULE                  print a rule's documentation

PATH is a migrations folder or any file inside one. Without PATH, miglint reads
"out" from drizzle.config.{json,ts,js,mjs,cjs} in the working directory (string
literals only; the config is never run), else checks ./drizzle.

Options:
)";

const char* const kExitCodesUsage = R"(Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
2 usage error, or a folder that could not be checked.
)";

}  // namespace

std::string usage_text() { return kCommandsUsage + options_usage() + "\n" + kExitCodesUsage; }

std::variant<Options, UsageError> parse_options(const std::vector<std::string>& args) {
  Options o;
  std::size_t i = 0;
  if (!args.empty()) {
    const std::string& first = args[0];
    static const std::map<std::string, Command> commands = {{"check", Command::Check},   {"status", Command::Status},
                                                            {"repair", Command::Repair}, {"rules", Command::Rules},
                                                            {"explain", Command::Explain}, {"lsp", Command::Lsp},
                                                            {"hook-folders", Command::HookFolders}};
    if (auto it = commands.find(first); it != commands.end()) {
      o.command = it->second;
      ++i;
    }
  }
  bool options_ended = false;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_ended || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> value;
    if (auto eq = arg.find('='); eq != std::string::npos && arg.starts_with("--")) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const OptionSpec* spec = find_option(name);
    if (!spec) return UsageError{fmt::format("unknown option {} (see miglint --help)", name)};
    if (!spec->takes_value() && value) return UsageError{fmt::format("{} takes no value", spec->name)};
    if (spec->takes_value() && !value) {
      if (i + 1 >= args.size()) return UsageError{fmt::format("{} needs a value", spec->name)};
      value = args[++i];
    }
    if (auto problem = set_option(spec->id, o, value.value_or(""))) return UsageError{*problem};
    o.given.insert(std::string(spec->name));
  }
  if (o.command == Command::Explain && o.paths.size() != 1) return UsageError{"explain takes exactly one rule name"};
  if (o.command == Command::HookFolders && o.paths.size() != 2) {
    return UsageError{"hook-folders takes two files: the changed paths and the paths present after the change"};
  }
  if ((o.command == Command::Status || o.command == Command::Repair) && o.paths.size() > 1) {
    return UsageError{"this command takes one migrations folder"};
  }
  if (o.command != Command::Repair && (!o.mark_applied.empty() || o.forget_unknown || o.apply)) {
    return UsageError{"--mark-applied, --forget-unknown and --apply belong to miglint repair"};
  }
  if (o.offline && o.wants_database()) return UsageError{"--offline and --database-url/--database-url-env contradict each other"};
  return o;
}

}  // namespace miglint
