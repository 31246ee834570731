#include "load/folder_loader.h"

#include <thread>

#include <fmt/core.h>

#include "core/short_run_memory.h"
#include "load/folder_file_reader.h"
#include "load/layout.h"
#include "load/safe_read.h"
#include "load/snapshot_loader.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kSqlPadding = 64;  // spare room, as read_file_within leaves

SqlFlavor flavor_of(std::optional<Dialect> dialect) {
  if (dialect == Dialect::MySQL || dialect == Dialect::SingleStore) return SqlFlavor::MySql;
  if (dialect == Dialect::SQLite) return SqlFlavor::Sqlite;
  return SqlFlavor::Postgres;
}

// flavor: given by the caller, which may read the SQL on a thread of its own while the snapshots
// (from which the folder's dialect may be judged) load.
void read_sql_files(Folder& folder, SqlFlavor flavor) {
  FolderFileReader reader(folder.path, folder.overlay);
  for (auto& sql : folder.sql_files) {
    auto result = reader.read(folder.path / sql.relative_path);
    std::string display = folder.display_file(sql.relative_path);
    if (auto* failure = std::get_if<ReadFailure>(&result)) {
      sql.file = TextFile(display, {});
      sql.unreadable = Problem{fmt::format("{} {}", sql.file_name, failure->reason), sql.file.location(0, 0)};
    } else {
      const std::string_view view = std::get<std::string_view>(result);
      std::string bytes;
      bytes.reserve(view.size() + kSqlPadding);
      bytes.assign(view);
      sql.file = TextFile(display, std::move(bytes));
      sql.flavor = flavor;
    }
  }
}

}  // namespace

std::optional<Dialect> schema_dialect(std::optional<Dialect> dialect) {
  if (dialect == Dialect::PostgreSQL || dialect == Dialect::SQLite) return dialect;
  return std::nullopt;
}

std::variant<Folder, FolderError> load_folder(const fs::path& path, const std::string& display_path,
                                              std::optional<Dialect> requested_dialect, LoadScope scope,
                                              const FileOverlay* overlay) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return FolderError{fmt::format("{}: no such folder", display_path)};
  if (!fs::is_directory(status)) return FolderError{fmt::format("{}: not a folder", display_path)};

  Folder folder;
  folder.path = fs::canonical(path, ec);
  if (ec) return FolderError{fmt::format("{}: cannot be resolved: {}", display_path, ec.message())};
  folder.display_path = display_path;
  folder.requested_dialect = requested_dialect;
  folder.overlay = overlay;

  // The first layout whose files are here; a layout miglint cannot check yet is refused.
  const FolderLayout* layout = nullptr;
  for (const FolderLayout* candidate : folder_layouts()) {
    if (auto why = candidate->unsupported_reason()) {
      if (candidate->recognises(folder.path)) return FolderError{fmt::format("{}: {}", display_path, *why)};
    } else if (candidate->list(folder)) {
      layout = candidate;
      break;
    }
  }
  if (!layout) {
    std::string looked_for;
    for (const FolderLayout* candidate : folder_layouts()) {
      looked_for = looked_for.empty() ? std::string(candidate->files_looked_for())
                                      : fmt::format("{}, {}", candidate->files_looked_for(), looked_for);
    }
    return FolderError{fmt::format("{}: no Drizzle migrations here ({}); pass the folder that drizzle.config's \"out\" names",
                                   display_path, looked_for)};
  }
  folder.layout = layout->id();
  layout->read_index(folder);
  // SQL is parsed on a thread of its own while the snapshots load, when its dialect is known by
  // then (asked for, or in the journal); otherwise the engine parses it later. The 1.0 layout read
  // its snapshots with its index: its SQL is parsed next, on every core.
  const std::optional<Dialect> dialect = folder.dialect();
  const bool parse_sql =
      (scope == LoadScope::EverythingAndParsedSql || scope == LoadScope::EverythingWithSchemas) && dialect.has_value();
  const bool sql_first = parse_sql && folder.layout == Layout::DrizzleKit0;
  std::thread parsing;
  if (sql_first) {
    parsing = std::thread([&folder, flavor = flavor_of(dialect)] {
      advise_huge_pages_for_this_thread();
      read_sql_files(folder, flavor);
      for (const SqlFile& sql : folder.sql_files) sql.sql();
    });
  }
  // The 1.0 layout reads its snapshots, in their own format, as its index (read_index).
  if (scope != LoadScope::JournalAndSql && folder.layout == Layout::DrizzleKit0) {
    load_snapshots(folder.path, folder.snapshots, dialect, folder.overlay,
                   scope == LoadScope::EverythingWithSchemas ? schema_dialect(dialect) : std::nullopt);
  }
  if (parsing.joinable()) parsing.join();
  if (!sql_first) read_sql_files(folder, flavor_of(folder.dialect()));
  if (parse_sql && !sql_first) folder.analyze_sql_files();
  folder.migrations = layout->migrations(folder);
  return folder;
}

}  // namespace miglint
