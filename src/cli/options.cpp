#include "cli/options.h"

#include <charconv>
#include <functional>
#include <map>

namespace miglint {

const char* const kUsage = R"(miglint: a consistency linter for Drizzle Kit SQL migrations

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
  --format text|gcc|json|sarif|github   output format (default text)
  -o, --output FILE                     write the report to FILE
  --select RULE|GROUP,...               run only these rules (a group: all its rules)
  --ignore RULE|GROUP,...               do not run these rules
  --fail-on error|warning|info          lowest severity that fails the run (default error)
  --exit-zero                           exit 0 even when findings fail the run
  --dialect postgresql|mysql|sqlite|turso|singlestore
                                        the folder's dialect (default: drizzle.config, else the journal)
  --color auto|always|never             colour text output (default auto; honours NO_COLOR)
  --quiet                               print findings only, no summary
  --database-url URL                    also check this database (postgres://, postgresql://,
                                        libpq key=value, sqlite:PATH or file:PATH); read-only
  --database-url-env NAME               take the URL from environment variable NAME
  --migrations-schema NAME              schema of drizzle's table (default drizzle; PostgreSQL)
  --migrations-table NAME               drizzle's table (default __drizzle_migrations)
  --connect-timeout SECONDS             give up connecting after this long (default 10)
  --statement-timeout SECONDS           give up on a query after this long (default 10)
  --baseline FILE                       report only findings that FILE does not hold
  --write-baseline FILE                 record the current findings in FILE, then exit 0
  --offline                             never read a database, even if .miglint.toml names one
  --config FILE                         settings file (default: the nearest .miglint.toml
                                        above the working directory)
  --version                             print the version
  -h, --help                            print this help

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
2 usage error, or a folder that could not be checked.
)";

namespace {

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

std::optional<std::string> parse_positive(const std::string& v, const char* problem, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || value <= 0 || value > 3600) {
    return std::string(problem) + " from 1 to 3600, not \"" + v + "\"";
  }
  out = value;
  return std::nullopt;
}

std::optional<Format> parse_format(const std::string& v) {
  static const std::map<std::string, Format> names = {
      {"text", Format::Text}, {"gcc", Format::Gcc}, {"json", Format::Json}, {"sarif", Format::Sarif}, {"github", Format::Github}};
  auto it = names.find(v);
  return it == names.end() ? std::nullopt : std::optional<Format>(it->second);
}

}  // namespace

std::variant<Options, UsageError> parse_options(const std::vector<std::string>& args) {
  Options o;
  std::size_t i = 0;
  if (!args.empty()) {
    const std::string& first = args[0];
    static const std::map<std::string, Command> commands = {{"check", Command::Check},   {"status", Command::Status},
                                                            {"repair", Command::Repair}, {"rules", Command::Rules},
                                                            {"explain", Command::Explain}, {"lsp", Command::Lsp}};
    if (auto it = commands.find(first); it != commands.end()) {
      o.command = it->second;
      ++i;
    }
  }
  using Setter = std::function<std::optional<std::string>(const std::string&)>;
  // The common kinds: the value as it is, or a comma-separated list added to.
  auto store = [](std::string& field) -> Setter {
    return [&field](const std::string& v) -> std::optional<std::string> {
      field = v;
      return std::nullopt;
    };
  };
  auto append = [](std::vector<std::string>& list) -> Setter {
    return [&list](const std::string& v) -> std::optional<std::string> {
      for (auto& item : split_list(v)) list.push_back(item);
      return std::nullopt;
    };
  };
  const std::map<std::string, Setter> valued = {
      {"--format", [&](const std::string& v) -> std::optional<std::string> {
         auto f = parse_format(v);
         if (!f) return "--format takes text, gcc, json, sarif or github, not \"" + v + "\"";
         o.format = *f;
         return std::nullopt;
       }},
      {"--output", store(o.output_file)},
      {"--select", append(o.select)},
      {"--ignore", append(o.ignore)},
      {"--fail-on", [&](const std::string& v) -> std::optional<std::string> {
         auto s = parse_severity(v);
         if (!s) return "--fail-on takes error, warning or info, not \"" + v + "\"";
         o.fail_on = *s;
         return std::nullopt;
       }},
      {"--dialect", [&](const std::string& v) -> std::optional<std::string> {
         o.dialect = parse_dialect(v);
         if (!o.dialect) return "--dialect takes postgresql, mysql, sqlite, turso or singlestore, not \"" + v + "\"";
         return std::nullopt;
       }},
      {"--database-url", store(o.database_url)},
      {"--database-url-env", store(o.database_url_env)},
      {"--migrations-schema", [&](const std::string& v) -> std::optional<std::string> {
         o.migrations_schema = v;
         return v.empty() ? std::optional<std::string>("--migrations-schema needs a name") : std::nullopt;
       }},
      {"--migrations-table", [&](const std::string& v) -> std::optional<std::string> {
         o.migrations_table = v;
         return v.empty() ? std::optional<std::string>("--migrations-table needs a name") : std::nullopt;
       }},
      {"--connect-timeout", [&](const std::string& v) -> std::optional<std::string> {
         return parse_positive(v, "--connect-timeout takes whole seconds", o.connect_timeout_seconds);
       }},
      {"--statement-timeout", [&](const std::string& v) -> std::optional<std::string> {
         int seconds = 0;
         auto problem = parse_positive(v, "--statement-timeout takes whole seconds", seconds);
         o.statement_timeout_ms = seconds * 1000;
         return problem;
       }},
      {"--mark-applied", append(o.mark_applied)},
      {"--baseline", store(o.baseline_file)},
      {"--write-baseline", store(o.write_baseline_file)},
      {"--config", store(o.config_file)},
      {"--color", [&](const std::string& v) -> std::optional<std::string> {
         if (v == "auto") o.color = ColorMode::Auto;
         else if (v == "always") o.color = ColorMode::Always;
         else if (v == "never") o.color = ColorMode::Never;
         else return "--color takes auto, always or never, not \"" + v + "\"";
         return std::nullopt;
       }},
  };
  bool options_ended = false;
  for (; i < args.size(); ++i) {
    std::string arg = args[i];
    if (options_ended || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      o.command = Command::Help;
      continue;
    }
    if (arg == "--version" || arg == "-V") {
      o.command = Command::Version;
      continue;
    }
    if (arg == "--exit-zero") {
      o.exit_zero = true;
      continue;
    }
    if (arg == "--quiet" || arg == "-q") {
      o.quiet = true;
      continue;
    }
    if (arg == "--offline") {
      o.offline = true;
      continue;
    }
    if (arg == "--forget-unknown") {
      o.forget_unknown = true;
      continue;
    }
    if (arg == "--apply") {
      o.apply = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (name == "-o") name = "--output";
    auto setter = valued.find(name);
    if (setter == valued.end()) return UsageError{"unknown option " + name + " (see miglint --help)"};
    if (!value) {
      if (i + 1 >= args.size()) return UsageError{name + " needs a value"};
      value = args[++i];
    }
    if (auto problem = setter->second(*value)) return UsageError{*problem};
    o.given.insert(name);
  }
  if (o.command == Command::Explain && o.paths.size() != 1) return UsageError{"explain takes exactly one rule name"};
  if ((o.command == Command::Status || o.command == Command::Repair) && o.paths.size() > 1) {
    return UsageError{"this command takes one migrations folder"};
  }
  if (o.command != Command::Repair && (!o.mark_applied.empty() || o.forget_unknown || o.apply)) {
    return UsageError{"--mark-applied, --forget-unknown and --apply belong to miglint repair"};
  }
  if (o.offline && o.wants_database()) return UsageError{"--offline and --database-url/--database-url-env contradict each other"};
  if (o.command == Command::Repair && o.mark_applied.empty() && !o.forget_unknown) {
    return UsageError{"repair needs --mark-applied TAG|IDX|FROM..TO or --forget-unknown"};
  }
  return o;
}

}  // namespace miglint
