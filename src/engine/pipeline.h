// The one way from settings to findings, shared by `miglint check` and `miglint lsp`: load a
// folder (with an editor's unsaved documents laid over it, reusing unchanged snapshots when the
// caller keeps them), read its database when one was asked for, run the selected rules, drop what
// the settings file ignores by path, and sort.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/engine.h"
#include "load/config_file.h"
#include "load/discovery.h"
#include "load/folder_loader.h"
#include "load/snapshot_cache.h"

namespace miglint {

struct LintSettings {
  std::span<const RuleInfo> rules;  // every known rule
  RuleSelection selection;
  std::optional<Dialect> dialect;     // asked for; else the folder's drizzle.config's, else the journal's
  Migrator migrator = Migrator::Drizzle;  // what runs the migrations (the rules read it from the folder)
  std::optional<SqliteDriver> driver;     // asked for; else the folder's drizzle.config's
  bool target_v1 = false;                 // --target 1.0
  const ConfigFile* config = nullptr;  // its per-path ignores apply
  // What findings' relative file paths are relative to (the working directory), for per-path ignores.
  std::filesystem::path base;
  // --since REF: the migrations committed at REF with the same SQL are history, which the SQL and
  // safety rules leave alone; the history rules judge what changed. Empty: every migration is judged.
  std::string since;
  // The editor's way: compare with REF where the folder is in a git repository that has it, and
  // judge every migration elsewhere, instead of failing.
  bool since_where_possible = false;
  // The command line's last folder: the process ends right after, and freeing a large folder's
  // objects one by one took milliseconds, so the loaded folder is kept to the end instead.
  bool keep_folder_to_exit = false;
};

// Reads the database of a loaded folder: the check, or why it could not be read.
using DatabaseReader = std::function<std::variant<DatabaseCheck, std::string>(const Folder&)>;

// What a caller may add to the files on disk; every part is optional.
struct LintSources {
  const FileOverlay* overlay = nullptr;  // unsaved documents, by absolute path
  SnapshotCache* snapshots = nullptr;    // kept between runs by a caller that lints a folder again and again
  DatabaseReader database;               // empty: offline
};

struct LintedFolder {
  std::string display_path;
  std::vector<Finding> findings;  // sorted
  // The database was asked for but could not be read; the offline findings are still there.
  std::optional<std::string> database_error;
  // How many migrations were judged as history (--since REF, or applied to the database), if any
  // such judgement was made; and a note about REF (the folder was renamed since).
  std::optional<std::size_t> history_migrations;
  std::optional<std::string> history_note;
};

std::variant<LintedFolder, FolderError> lint_folder(const FolderTarget& target, const LintSettings& settings,
                                                  const LintSources& sources = {});

}  // namespace miglint
