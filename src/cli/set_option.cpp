#include "cli/set_option.h"

#include <charconv>

#include <fmt/core.h>

#include "load/kit_target.h"

namespace miglint {

namespace {

using Refusal = std::optional<std::string>;

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

Refusal append(std::vector<std::string>& list, const std::string& value) {
  for (std::string& item : split_list(value)) list.push_back(std::move(item));
  return std::nullopt;
}

Refusal store(std::string& field, const std::string& value) {
  field = value;
  return std::nullopt;
}

Refusal turn_on(bool& field) {
  field = true;
  return std::nullopt;
}

Refusal run_command(Options& o, Command command) {
  o.command = command;
  return std::nullopt;
}

Refusal seconds_from_1_to_3600(const char* option, const std::string& v, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || value <= 0 || value > 3600) {
    return fmt::format("{} takes whole seconds from 1 to 3600, not \"{}\"", option, v);
  }
  out = value;
  return std::nullopt;
}

Refusal name_needed(const char* option, std::string& field, const std::string& v) {
  field = v;
  return v.empty() ? Refusal(fmt::format("{} needs a name", option)) : std::nullopt;
}

Refusal set_format(Options& o, const std::string& v) {
  if (v == "text") o.format = Format::Text;
  else if (v == "gcc") o.format = Format::Gcc;
  else if (v == "json") o.format = Format::Json;
  else if (v == "sarif") o.format = Format::Sarif;
  else if (v == "github") o.format = Format::Github;
  else return fmt::format("--format takes text, gcc, json, sarif or github, not \"{}\"", v);
  return std::nullopt;
}

Refusal set_color(Options& o, const std::string& v) {
  if (v == "auto") o.color = ColorMode::Auto;
  else if (v == "always") o.color = ColorMode::Always;
  else if (v == "never") o.color = ColorMode::Never;
  else return fmt::format("--color takes auto, always or never, not \"{}\"", v);
  return std::nullopt;
}

Refusal set_fail_on(Options& o, const std::string& v) {
  auto s = parse_severity(v);
  if (!s) return fmt::format("--fail-on takes error, warning or info, not \"{}\"", v);
  o.fail_on = *s;
  return std::nullopt;
}

Refusal set_dialect(Options& o, const std::string& v) {
  o.dialect = parse_dialect(v);
  if (!o.dialect) return fmt::format("--dialect takes postgresql, mysql, sqlite, turso or singlestore, not \"{}\"", v);
  return std::nullopt;
}

Refusal set_migrator(Options& o, const std::string& v) {
  const std::optional<Migrator> m = parse_migrator(v);
  if (!m) return fmt::format("--migrator takes {}, not \"{}\"", kMigratorNames, v);
  o.migrator = *m;
  return std::nullopt;
}

Refusal set_driver(Options& o, const std::string& v) {
  o.driver = parse_sqlite_driver(v);
  if (!o.driver) return fmt::format("--driver takes {}, not \"{}\"", kSqliteDriverNames, v);
  return std::nullopt;
}

Refusal set_since(Options& o, const std::string& v) {
  if (v.empty()) return Refusal("--since needs a git commit");
  o.since = v;
  return std::nullopt;
}

Refusal set_target(Options& o, const std::string& v) {
  if (!parse_kit_target(v)) return fmt::format("--target takes {}, not \"{}\"", kKitTargetNames, v);
  o.target_v1 = true;
  return std::nullopt;
}

Refusal set_statement_timeout(Options& o, const std::string& v) {
  int seconds = 0;
  Refusal problem = seconds_from_1_to_3600("--statement-timeout", v, seconds);
  o.statement_timeout_ms = seconds * 1000;
  return problem;
}

}  // namespace

// No default: the compiler names an option added to the table without a case here.
Refusal set_option(OptionId option, Options& o, const std::string& v) {
  switch (option) {
    case OptionId::Format: return set_format(o, v);
    case OptionId::Output: return store(o.output_file, v);
    case OptionId::Select: return append(o.select, v);
    case OptionId::Ignore: return append(o.ignore, v);
    case OptionId::FailOn: return set_fail_on(o, v);
    case OptionId::ExitZero: return turn_on(o.exit_zero);
    case OptionId::Dialect: return set_dialect(o, v);
    case OptionId::Migrator: return set_migrator(o, v);
    case OptionId::Driver: return set_driver(o, v);
    case OptionId::Color: return set_color(o, v);
    case OptionId::Quiet: return turn_on(o.quiet);
    case OptionId::DatabaseUrl: return store(o.database_url, v);
    case OptionId::DatabaseUrlEnv: return store(o.database_url_env, v);
    case OptionId::MigrationsSchema: return name_needed("--migrations-schema", o.migrations_schema, v);
    case OptionId::MigrationsTable: return name_needed("--migrations-table", o.migrations_table, v);
    case OptionId::ConnectTimeout: return seconds_from_1_to_3600("--connect-timeout", v, o.connect_timeout_seconds);
    case OptionId::StatementTimeout: return set_statement_timeout(o, v);
    case OptionId::Baseline: return store(o.baseline_file, v);
    case OptionId::WriteBaseline: return store(o.write_baseline_file, v);
    case OptionId::Offline: return turn_on(o.offline);
    case OptionId::Since: return set_since(o, v);
    case OptionId::Target: return set_target(o, v);
    case OptionId::Config: return store(o.config_file, v);
    case OptionId::MarkApplied: return append(o.mark_applied, v);
    case OptionId::ForgetUnknown: return turn_on(o.forget_unknown);
    case OptionId::Apply: return turn_on(o.apply);
    case OptionId::Version: return run_command(o, Command::Version);
    case OptionId::Help: return run_command(o, Command::Help);
  }
  return std::nullopt;
}

}  // namespace miglint
