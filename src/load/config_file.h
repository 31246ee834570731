// .miglint.toml: the project's settings, found by walking up from the working directory.
// Unknown keys and bad values stop the run; nothing is guessed.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/rule_selectors.h"
#include "core/severity.h"
#include "load/dialect.h"
#include "load/migrator.h"

namespace miglint {

struct PathIgnore {
  std::string pattern;  // glob relative to the config file's folder; '*' also crosses '/'
  std::vector<std::string> rules;
};

struct ConfigFile {
  std::filesystem::path file;
  std::filesystem::path dir;  // paths in the file are relative to it
  std::vector<std::filesystem::path> folders;  // absolute
  std::optional<Dialect> dialect;
  std::optional<Migrator> migrator;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::optional<Severity> fail_on;
  std::map<std::string, Severity, std::less<>> severity;
  std::vector<PathIgnore> per_path_ignores;
  std::optional<std::string> database_url_env;
  std::optional<std::string> migrations_schema;
  std::optional<std::string> migrations_table;
  std::optional<std::string> since;  // a git commit: judge only what changed since (--since)
  // The values of a key that mirrors a command-line option, as the option would take them (select
  // and ignore with groups expanded); empty when the file does not set it.
  std::vector<std::string> option_values(std::string_view key) const;

  // Whether a finding of rule in file (absolute) is ignored by per_path_ignores.
  bool ignores(std::string_view rule, const std::filesystem::path& finding_file) const;
};

inline constexpr const char* kConfigName = ".miglint.toml";

// The keys that mirror a command-line option: the option table (src/cli/option_table.cpp) names
// each as an option's config_key.
std::vector<std::string_view> config_keys_mirroring_options();

// The nearest .miglint.toml in start or its parents, stopping at a repository root (.git).
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

struct ConfigError {
  std::string message;  // "FILE:LINE:COL: what is wrong; did you mean ...?"
};

// known_rules: every rule and group name, to check the names the file uses; groups are stored as
// their rules.
// shown: the file's path as messages name it.
std::variant<ConfigFile, ConfigError> read_config(const std::filesystem::path& file, const std::string& shown,
                                                  const RuleSelectors& known_rules);

}  // namespace miglint
