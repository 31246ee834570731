#include "lsp/folder_settings.h"

#include <system_error>
#include <variant>

#include "load/drizzle_config.h"
#include "lsp/transport.h"
#include "registry.h"

namespace miglint::lsp {

namespace fs = std::filesystem;

namespace {

// Looks at most this many folders up, and never past a repository root.
constexpr int kDrizzleConfigDepth = 8;

std::optional<Dialect> drizzle_config_dialect(const fs::path& folder) {
  std::error_code ec;
  fs::path dir = folder.parent_path();
  std::optional<Dialect> dialect;
  for (int depth = 0; depth < kDrizzleConfigDepth && !dir.empty(); ++depth) {
    if (auto config = find_drizzle_config(dir); config && config->out && config->dialect) {
      if (fs::weakly_canonical(dir / *config->out, ec) == folder) dialect = parse_dialect(*config->dialect);
    }
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return dialect;
}

}  // namespace

FolderSettings read_folder_settings(const fs::path& canonical_folder) {
  FolderSettings settings;
  if (auto file = find_config(canonical_folder)) {
    auto read = read_config(*file, file->string(), rule_selectors(builtin_rules()));
    if (auto* error = std::get_if<ConfigError>(&read)) {
      log(error->message + " (the settings file is ignored until it is fixed)");
    } else {
      settings.config = std::move(std::get<ConfigFile>(read));
      const ConfigFile& config = *settings.config;
      settings.selection = RuleSelection{config.option_values(OptionId::Select), config.option_values(OptionId::Ignore),
                                         config.severity};
      settings.dialect = config.dialect();
      settings.migrator = config.migrator().value_or(Migrator::Drizzle);
      settings.driver = config.driver();
    }
  }
  if (!settings.dialect) settings.dialect = drizzle_config_dialect(canonical_folder);
  return settings;
}

}  // namespace miglint::lsp
