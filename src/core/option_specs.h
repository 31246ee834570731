// Every command-line option, once: its names, its value, its line in --help and the .miglint.toml
// key that may set it too. The usage text and the parser (src/cli) and the settings file reader
// (src/load) all read this table, so an option is written in one place; how a value lands in the
// command line's options is src/cli/set_option.cpp, by OptionId.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace miglint {

enum class OptionId {
  Format, Output, Select, Ignore, FailOn, ExitZero, Dialect, Migrator, Driver, Color, Quiet, DatabaseUrl,
  DatabaseUrlEnv, MigrationsSchema, MigrationsTable, ConnectTimeout, StatementTimeout, Baseline,
  WriteBaseline, Offline, Since, Target, Config, MarkApplied, ForgetUnknown, Apply, Version, Help,
};

// What an option's value is; the settings file reads a key by the kind of the option it mirrors.
enum class OptionValue {
  None,       // a switch
  Text,       // any other value, checked where it is parsed
  Name,       // a name that must not be empty
  RuleNames,  // rule and group names: comma-separated on the command line, an array in the file
  Severity,   // error, warning or info
  Dialect,    // postgresql, mysql, sqlite, turso or singlestore
  Migrator,   // drizzle, per-migration or none
  Driver,     // a SQLite driver: better-sqlite3, libsql, d1-http, ...
  Target,     // a Drizzle Kit version to judge the upgrade to: 1.0
};

struct OptionSpec {
  OptionId id;
  std::string_view name;        // "--select"
  std::string_view alias;       // "-o", or empty
  std::string_view value;       // shown in --help, e.g. "RULE|GROUP,..."; empty for a switch
  std::string_view help;        // its --help text; '\n' continues it on the next line
  std::string_view config_key;  // the .miglint.toml key that sets it when the command line does not
  OptionValue kind;
  bool takes_value() const { return !value.empty(); }
};

std::span<const OptionSpec> option_specs();

// The option of that name or alias, or nothing.
const OptionSpec* find_option(std::string_view name);

// The options part of --help, from the table.
std::string options_usage();

}  // namespace miglint
