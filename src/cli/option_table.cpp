#include "cli/option_table.h"

#include <charconv>

#include <fmt/core.h>

namespace miglint {

namespace {

using Problem = std::optional<std::string>;

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void append(std::vector<std::string>& list, const std::string& value) {
  for (std::string& item : split_list(value)) list.push_back(std::move(item));
}

Problem seconds_from_1_to_3600(const char* option, const std::string& v, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || value <= 0 || value > 3600) {
    return fmt::format("{} takes whole seconds from 1 to 3600, not \"{}\"", option, v);
  }
  out = value;
  return std::nullopt;
}

Problem name_needed(const char* option, const std::string& v) {
  return v.empty() ? Problem(fmt::format("{} needs a name", option)) : std::nullopt;
}

// The common kinds of option: a value kept as given, a comma-separated list added to, a switch.
template <std::string Options::*field>
Problem store(Options& o, const std::string& v) {
  o.*field = v;
  return std::nullopt;
}
template <std::vector<std::string> Options::*field>
Problem add_to(Options& o, const std::string& v) {
  append(o.*field, v);
  return std::nullopt;
}
template <bool Options::*field>
Problem turn_on(Options& o, const std::string&) {
  o.*field = true;
  return std::nullopt;
}
template <Command command>
Problem run_command(Options& o, const std::string&) {
  o.command = command;
  return std::nullopt;
}

Problem set_format(Options& o, const std::string& v) {
  if (v == "text") o.format = Format::Text;
  else if (v == "gcc") o.format = Format::Gcc;
  else if (v == "json") o.format = Format::Json;
  else if (v == "sarif") o.format = Format::Sarif;
  else if (v == "github") o.format = Format::Github;
  else return fmt::format("--format takes text, gcc, json, sarif or github, not \"{}\"", v);
  return std::nullopt;
}

Problem set_color(Options& o, const std::string& v) {
  if (v == "auto") o.color = ColorMode::Auto;
  else if (v == "always") o.color = ColorMode::Always;
  else if (v == "never") o.color = ColorMode::Never;
  else return fmt::format("--color takes auto, always or never, not \"{}\"", v);
  return std::nullopt;
}

const OptionSpec kOptions[] = {
    {"--format", "", "text|gcc|json|sarif|github", "output format (default text)", "",
     &set_format},
    {"--output", "-o", "FILE", "write the report to FILE", "",
     &store<&Options::output_file>},
    {"--select", "", "RULE|GROUP,...", "run only these rules (a group: all its rules)", "select",
     &add_to<&Options::select>},
    {"--ignore", "", "RULE|GROUP,...", "do not run these rules", "ignore",
     &add_to<&Options::ignore>},
    {"--fail-on", "", "error|warning|info", "lowest severity that fails the run (default error)", "fail_on",
     [](Options& o, const std::string& v) -> Problem {
       auto s = parse_severity(v);
       if (!s) return fmt::format("--fail-on takes error, warning or info, not \"{}\"", v);
       o.fail_on = *s;
       return std::nullopt;
     }},
    {"--exit-zero", "", "", "exit 0 even when findings fail the run", "",
     &turn_on<&Options::exit_zero>},
    {"--dialect", "", "postgresql|mysql|sqlite|turso|singlestore",
     "the folder's dialect (default: drizzle.config, else the journal)", "dialect",
     [](Options& o, const std::string& v) -> Problem {
       o.dialect = parse_dialect(v);
       if (!o.dialect) return fmt::format("--dialect takes postgresql, mysql, sqlite, turso or singlestore, not \"{}\"", v);
       return std::nullopt;
     }},
    {"--migrator", "", "drizzle|per-migration|none",
     "what runs the migrations: drizzle's migrate (default),\nor a runner of your own with one transaction per\nmigration, or with none (README: The migrator)", "migrator",
     [](Options& o, const std::string& v) -> Problem {
       const std::optional<Migrator> m = parse_migrator(v);
       if (!m) return fmt::format("--migrator takes {}, not \"{}\"", kMigratorNames, v);
       o.migrator = *m;
       return std::nullopt;
     }},
    {"--color", "", "auto|always|never", "colour text output (default auto; honours NO_COLOR)", "",
     &set_color},
    {"--quiet", "-q", "", "print findings only, no summary", "",
     &turn_on<&Options::quiet>},
    {"--database-url", "", "URL",
     "also check this database (postgres://, postgresql://,\nlibpq key=value, sqlite:PATH or file:PATH); read-only", "",
     &store<&Options::database_url>},
    {"--database-url-env", "", "NAME", "take the URL from environment variable NAME", "database_url_env",
     &store<&Options::database_url_env>},
    {"--migrations-schema", "", "NAME", "schema of drizzle's table (default drizzle; PostgreSQL)", "migrations_schema",
     [](Options& o, const std::string& v) {
       o.migrations_schema = v;
       return name_needed("--migrations-schema", v);
     }},
    {"--migrations-table", "", "NAME", "drizzle's table (default __drizzle_migrations)", "migrations_table",
     [](Options& o, const std::string& v) {
       o.migrations_table = v;
       return name_needed("--migrations-table", v);
     }},
    {"--connect-timeout", "", "SECONDS", "give up connecting after this long (default 10)", "",
     [](Options& o, const std::string& v) { return seconds_from_1_to_3600("--connect-timeout", v, o.connect_timeout_seconds); }},
    {"--statement-timeout", "", "SECONDS", "give up on a query after this long (default 10)", "",
     [](Options& o, const std::string& v) {
       int seconds = 0;
       Problem problem = seconds_from_1_to_3600("--statement-timeout", v, seconds);
       o.statement_timeout_ms = seconds * 1000;
       return problem;
     }},
    {"--baseline", "", "FILE", "report only findings that FILE does not hold", "",
     &store<&Options::baseline_file>},
    {"--write-baseline", "", "FILE", "record the current findings in FILE, then exit 0", "",
     &store<&Options::write_baseline_file>},
    {"--offline", "", "", "never read a database, even if .miglint.toml names one", "",
     &turn_on<&Options::offline>},
    {"--since", "", "REF", "judge only the migrations added or changed since\nthe git commit REF; committed ones are history", "since",
     [](Options& o, const std::string& v) { o.since = v; return v.empty() ? Problem("--since needs a git commit") : std::nullopt; }},
    {"--config", "", "FILE", "settings file (default: the nearest .miglint.toml\nabove the working directory)", "",
     &store<&Options::config_file>},
    {"--mark-applied", "", "TAG|IDX|FROM..TO,...", "repair: record these migrations as applied", "",
     &add_to<&Options::mark_applied>},
    {"--forget-unknown", "", "", "repair: delete the rows that match no local migration", "",
     &turn_on<&Options::forget_unknown>},
    {"--apply", "", "", "repair: run the SQL instead of printing it", "",
     &turn_on<&Options::apply>},
    {"--version", "-V", "", "print the version", "",
     &run_command<Command::Version>},
    {"--help", "-h", "", "print this help", "",
     &run_command<Command::Help>},
};

// Where the help column starts; a longer name and value put the help on the next line.
constexpr std::size_t kHelpColumn = 40;

}  // namespace

std::span<const OptionSpec> option_table() { return kOptions; }

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
