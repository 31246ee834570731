#include "cli/settings.h"

#include <cstdlib>
#include <iostream>

#include "cli/set_option.h"
#include "engine/engine.h"
#include "load/discovery.h"
#include "registry.h"

namespace miglint {

namespace {

// The settings file asks for the database; check still runs offline where the variable is not set
// (a pre-commit hook, an editor), and says so.
bool wants_database_from(const std::string& variable, const Options& o, const std::filesystem::path& file) {
  if (o.wants_database() || o.offline) return false;
  const char* value = std::getenv(variable.c_str());
  if (o.command != Command::Check || (value && *value)) return true;
  if (!o.quiet) {
    std::cerr << "miglint: note: " << variable << " is not set, so the database checks of "
              << file.filename().string() << " are skipped\n";
  }
  return false;
}

}  // namespace

std::variant<Settings, std::string> load_settings(Options o) {
  std::error_code ec;
  std::optional<std::filesystem::path> file;
  if (!o.config_file.empty()) file = std::filesystem::path(o.config_file);
  else file = find_config(std::filesystem::current_path(ec));
  // Group names on the command line stand for their rules; unknown names are left for the command to report.
  const RuleSelectors selectors = rule_selectors(builtin_rules());
  o.select = selectors.expand(o.select);
  o.ignore = selectors.expand(o.ignore);
  if (!file) return Settings{std::move(o), std::nullopt};

  auto read = read_config(*file, display_path_of(std::filesystem::absolute(*file, ec), std::filesystem::current_path(ec)),
                          selectors);
  if (auto* error = std::get_if<ConfigError>(&read)) return error->message;
  ConfigFile config = std::move(std::get<ConfigFile>(read));

  if (o.paths.empty()) {
    for (const auto& folder : config.folders) o.paths.push_back(folder.string());
  }
  // Each option the settings file mirrors, unless the command line set it.
  for (const OptionSpec& spec : option_specs()) {
    const std::vector<std::string> values = config.option_values(spec.id);
    if (values.empty() || o.given.count(std::string(spec.name))) continue;
    if (spec.id == OptionId::DatabaseUrlEnv && !wants_database_from(values.front(), o, *file)) continue;
    for (const std::string& value : values) set_option(spec.id, o, value);  // checked when the file was read
  }
  return Settings{std::move(o), std::move(config)};
}

}  // namespace miglint
