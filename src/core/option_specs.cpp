#include "core/option_specs.h"

#include <fmt/core.h>

namespace miglint {

namespace {

using enum OptionId;
using V = OptionValue;

const OptionSpec kOptions[] = {
    {Format, "--format", "", "text|gcc|json|sarif|github", "output format (default text)", "", V::Text},
    {Output, "--output", "-o", "FILE", "write the report to FILE", "", V::Text},
    {Select, "--select", "", "RULE|GROUP,...", "run only these rules (a group: all its rules)", "select", V::RuleNames},
    {Ignore, "--ignore", "", "RULE|GROUP,...", "do not run these rules", "ignore", V::RuleNames},
    {FailOn, "--fail-on", "", "error|warning|info", "lowest severity that fails the run (default error)", "fail_on",
     V::Severity},
    {ExitZero, "--exit-zero", "", "", "exit 0 even when findings fail the run", "", V::None},
    {Dialect, "--dialect", "", "postgresql|mysql|sqlite|turso|singlestore",
     "the folder's dialect (default: drizzle.config, else the journal)", "dialect", V::Dialect},
    {Migrator, "--migrator", "", "drizzle|per-migration|none",
     "what runs the migrations: drizzle's migrate (default),\nor a runner of your own with one transaction per\n"
     "migration, or with none (README: The migrator)",
     "migrator", V::Migrator},
    {Driver, "--driver", "", "NAME",
     "the SQLite driver whose migrator runs the migrations:\nbetter-sqlite3, libsql, d1, durable-sqlite, expo...\n"
     "(default: drizzle.config's driver)",
     "driver", V::Driver},
    {Color, "--color", "", "auto|always|never", "colour text output (default auto; honours NO_COLOR)", "", V::Text},
    {Quiet, "--quiet", "-q", "", "print findings only, no summary", "", V::None},
    {DatabaseUrl, "--database-url", "", "URL",
     "also check this database (postgres://, postgresql://,\nlibpq key=value, sqlite:PATH or file:PATH); read-only", "",
     V::Text},
    {DatabaseUrlEnv, "--database-url-env", "", "NAME", "take the URL from environment variable NAME", "database_url_env",
     V::Name},
    {MigrationsSchema, "--migrations-schema", "", "NAME", "schema of drizzle's table (default drizzle; PostgreSQL)",
     "migrations_schema", V::Name},
    {MigrationsTable, "--migrations-table", "", "NAME", "drizzle's table (default __drizzle_migrations)",
     "migrations_table", V::Name},
    {ConnectTimeout, "--connect-timeout", "", "SECONDS", "give up connecting after this long (default 10)", "", V::Text},
    {StatementTimeout, "--statement-timeout", "", "SECONDS", "give up on a query after this long (default 10)", "",
     V::Text},
    {Baseline, "--baseline", "", "FILE", "report only findings that FILE does not hold", "", V::Text},
    {WriteBaseline, "--write-baseline", "", "FILE", "record the current findings in FILE, then exit 0", "", V::Text},
    {Offline, "--offline", "", "", "never read a database, even if .miglint.toml names one", "", V::None},
    {Since, "--since", "", "REF",
     "judge only the migrations added or changed since\nthe git commit REF; committed ones are history", "since",
     V::Name},
    {Target, "--target", "", "1.0",
     "also judge the move of a 0.x folder to Drizzle Kit 1.0:\nwhat drizzle-kit up will do to it", "target", V::Target},
    {Config, "--config", "", "FILE", "settings file (default: the nearest .miglint.toml\nabove the working directory)",
     "", V::Text},
    {MarkApplied, "--mark-applied", "", "TAG|IDX|FROM..TO,...", "repair: record these migrations as applied", "",
     V::Text},
    {ForgetUnknown, "--forget-unknown", "", "", "repair: delete the rows that match no local migration", "", V::None},
    {Apply, "--apply", "", "", "repair: run the SQL instead of printing it", "", V::None},
    {Version, "--version", "-V", "", "print the version", "", V::None},
    {Help, "--help", "-h", "", "print this help", "", V::None},
};

// Where the help column starts; a longer name and value put the help on the next line.
constexpr std::size_t kHelpColumn = 40;

}  // namespace

std::span<const OptionSpec> option_specs() { return kOptions; }

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& spec : kOptions) {
    if (spec.name == name || (!spec.alias.empty() && spec.alias == name)) return &spec;
  }
  return nullptr;
}

std::string options_usage() {
  std::string out;
  for (const OptionSpec& spec : kOptions) {
    std::string names = spec.alias.empty() ? std::string(spec.name) : fmt::format("{}, {}", spec.alias, spec.name);
    std::string left = spec.takes_value() ? fmt::format("  {} {}", names, spec.value) : fmt::format("  {}", names);
    if (left.size() + 1 > kHelpColumn) left = fmt::format("{}\n{:{}}", left, "", kHelpColumn);
    else left = fmt::format("{:<{}}", left, kHelpColumn);
    std::string_view help = spec.help;
    for (std::size_t line = 0; !help.empty(); ++line) {
      std::size_t end = help.find('\n');
      out += fmt::format("{}{}\n", line == 0 ? left : std::string(kHelpColumn, ' '), help.substr(0, end));
      help = end == std::string_view::npos ? std::string_view() : help.substr(end + 1);
    }
  }
  return out;
}

}  // namespace miglint
