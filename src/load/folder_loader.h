// Loads one migrations folder: the journal, every snapshot and every SQL file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

#include "load/model.h"

namespace miglint {

// Why a folder could not be checked at all (exit code 2).
struct FolderError {
  std::string message;
};

// What to read: everything for linting (and the SQL parsed too, while the snapshots load, when a
// rule will read it; and each snapshot's schema modelled from the same parse, when a rule reads
// schemas); status and repair need only the journal and the SQL.
enum class LoadScope { Everything, EverythingAndParsedSql, EverythingWithSchemas, JournalAndSql };

// The dialect to model snapshots' schemas as: the folder's, when the schema history reads it
// (PostgreSQL, SQLite) and it is known before the snapshots are read (asked for, or the journal's).
std::optional<Dialect> schema_dialect(std::optional<Dialect> dialect);

std::variant<Folder, FolderError> load_folder(const std::filesystem::path& path, const std::string& display_path,
                                              std::optional<Dialect> requested_dialect,
                                              LoadScope scope = LoadScope::Everything,
                                              const FileOverlay* overlay = nullptr);

}  // namespace miglint
