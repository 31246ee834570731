#include "cli/settings.h"

#include <cstdlib>
#include <iostream>

#include "engine/engine.h"
#include "load/discovery.h"
#include "registry.h"

namespace miglint {

std::variant<Settings, std::string> load_settings(Options o) {
  std::error_code ec;
  std::optional<std::filesystem::path> file;
  if (!o.config_file.empty()) file = std::filesystem::path(o.config_file);
  else file = find_config(std::filesystem::current_path(ec));
  if (!file) return Settings{std::move(o), std::nullopt};

  auto read = read_config(*file, display_path_of(std::filesystem::absolute(*file, ec), std::filesystem::current_path(ec)),
                          rule_names(builtin_rules()));
  if (auto* error = std::get_if<ConfigError>(&read)) return error->message;
  ConfigFile config = std::move(std::get<ConfigFile>(read));

  auto from_file = [&](const char* option) { return !o.given.count(option); };
  if (o.paths.empty()) {
    for (const auto& folder : config.folders) o.paths.push_back(folder.string());
  }
  if (from_file("--select")) o.select = config.select;
  if (from_file("--ignore")) o.ignore = config.ignore;
  if (from_file("--dialect") && config.dialect) o.dialect = config.dialect;
  if (from_file("--fail-on") && config.fail_on) o.fail_on = *config.fail_on;
  if (from_file("--migrations-schema") && config.migrations_schema) o.migrations_schema = *config.migrations_schema;
  if (from_file("--migrations-table") && config.migrations_table) o.migrations_table = *config.migrations_table;
  if (config.database_url_env && !o.wants_database() && !o.offline) {
    // The file asks for the database; check still runs offline where the variable is not set
    // (a pre-commit hook, an editor), and says so.
    const char* value = std::getenv(config.database_url_env->c_str());
    if (o.command != Command::Check || (value && *value)) {
      o.database_url_env = *config.database_url_env;
    } else if (!o.quiet) {
      std::cerr << "miglint: note: " << *config.database_url_env << " is not set, so the database checks of "
                << file->filename().string() << " are skipped\n";
    }
  }
  return Settings{std::move(o), std::move(config)};
}

}  // namespace miglint
