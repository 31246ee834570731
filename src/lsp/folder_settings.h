// What a folder is linted with in the editor, where there is no command line: the nearest
// .miglint.toml from the folder upwards, and else the dialect of a drizzle.config whose "out" is
// the folder. Read again on every lint, so edits to either apply on the next save.
#pragma once

#include <filesystem>
#include <optional>

#include "engine/engine.h"
#include "load/config_file.h"
#include "load/dialect.h"

namespace miglint::lsp {

struct FolderSettings {
  std::optional<ConfigFile> config;  // absent when there is none, or it does not read (that is logged)
  RuleSelection selection;
  std::optional<Dialect> dialect;
  Migrator migrator = Migrator::Drizzle;
  std::optional<SqliteDriver> driver;  // .miglint.toml's; else drizzle.config's, read with the folder
};

FolderSettings read_folder_settings(const std::filesystem::path& canonical_folder);

}  // namespace miglint::lsp
