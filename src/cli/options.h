// The command line, parsed into plain values. Parsing never touches files.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/severity.h"
#include "load/dialect.h"
#include "load/migrator.h"
#include "load/sqlite_driver.h"

namespace miglint {

enum class Command { Check, Status, Repair, Rules, Explain, Lsp, HookFolders, Help, Version };
enum class Format { Text, Gcc, Json, Sarif, Github };
enum class ColorMode { Auto, Always, Never };

struct Options {
  Command command = Command::Check;
  std::vector<std::string> paths;  // for check: folders or files; for explain: the rule
  Format format = Format::Text;
  std::string output_file;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  Severity fail_on = Severity::Error;
  bool exit_zero = false;
  std::optional<Dialect> dialect;
  Migrator migrator = Migrator::Drizzle;  // what runs the migrations
  std::optional<SqliteDriver> driver;     // the SQLite driver whose migrator runs them
  ColorMode color = ColorMode::Auto;
  bool quiet = false;
  // The database, only when asked for.
  std::string database_url;
  std::string database_url_env;
  std::string migrations_schema = "drizzle";
  std::string migrations_table = "__drizzle_migrations";
  int connect_timeout_seconds = 10;
  int statement_timeout_ms = 10000;
  // repair
  std::vector<std::string> mark_applied;  // tags, idx values or idx ranges "3..5"
  bool forget_unknown = false;
  bool apply = false;
  std::string config_file;             // --config; else .miglint.toml is searched for
  std::string baseline_file;           // --baseline: report only findings not in it
  std::string write_baseline_file;     // --write-baseline: record today's findings
  std::set<std::string> given;         // the options set on the command line, which beat the config file
  bool offline = false;                // --offline: never read a database, whatever the config says
  std::string since;                   // --since REF: migrations committed at REF are history
  bool target_v1 = false;              // --target 1.0: judge the upgrade to Drizzle Kit 1.0 too
  bool wants_database() const { return !database_url.empty() || !database_url_env.empty(); }
};

struct UsageError {
  std::string message;
};

std::variant<Options, UsageError> parse_options(const std::vector<std::string>& args);

// --help: the commands, the options (from the option table) and the exit codes.
std::string usage_text();

}  // namespace miglint
