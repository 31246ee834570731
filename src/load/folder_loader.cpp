#include "load/folder_loader.h"

#include <algorithm>
#include <thread>

#include <fmt/core.h>

#include "load/journal_loader.h"
#include "load/safe_read.h"
#include "load/snapshot_loader.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSnapshotSuffix = "_snapshot.json";

bool is_regular_or_link(const fs::directory_entry& e) {
  std::error_code ec;
  return e.is_regular_file(ec) || e.is_symlink(ec);
}

// Drizzle Kit 1.0 keeps one folder per migration, each with migration.sql and snapshot.json.
bool looks_like_v1_layout(const fs::path& root) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (e.is_directory(ec) && fs::exists(e.path() / "migration.sql", ec)) return true;
  }
  return false;
}

void list_sql_files(Folder& folder) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder.path, ec)) {
    std::string name = e.path().filename().string();
    if (!name.ends_with(".sql") || !is_regular_or_link(e)) continue;
    SqlFile sql;
    sql.file_name = name;
    sql.tag = name.substr(0, name.size() - 4);
    folder.sql_files.push_back(std::move(sql));
  }
  std::sort(folder.sql_files.begin(), folder.sql_files.end(),
            [](const SqlFile& a, const SqlFile& b) { return a.file_name < b.file_name; });
}

SqlFlavor flavor_of(std::optional<Dialect> dialect) {
  if (dialect == Dialect::MySQL || dialect == Dialect::SingleStore) return SqlFlavor::MySql;
  if (dialect == Dialect::SQLite) return SqlFlavor::Sqlite;
  return SqlFlavor::Postgres;
}

void read_sql_files(Folder& folder) {
  const SqlFlavor flavor = flavor_of(folder.dialect());
  for (auto& sql : folder.sql_files) {
    auto result = read_file_within(folder.path, folder.path / sql.file_name, folder.overlay);
    std::string display = folder.display_file(sql.file_name);
    if (auto* failure = std::get_if<ReadFailure>(&result)) {
      sql.file = TextFile(display, {});
      sql.unreadable = Problem{fmt::format("{} {}", sql.file_name, failure->reason), sql.file.location(0, 0)};
    } else {
      sql.file = TextFile(display, std::move(std::get<std::string>(result)));
      sql.flavor = flavor;
    }
  }
}

// Sorts meta/ into the journal, snapshots and names drizzle-kit would wrongly parse as snapshots.
void list_meta(Folder& folder, bool& journal_found) {
  std::error_code ec;
  fs::path meta = folder.path / "meta";
  for (const auto& e : fs::directory_iterator(meta, ec)) {
    std::string name = e.path().filename().string();
    if (name == "_journal.json") {
      journal_found = true;
    } else if (name.ends_with(kSnapshotSuffix)) {
      Snapshot s;
      s.file_name = name;
      s.prefix = name.substr(0, name.size() - kSnapshotSuffix.size());
      s.display_path = folder.display_file("meta/" + name);
      folder.snapshots.push_back(std::move(s));
    } else if (!name.starts_with("_")) {  // drizzle-kit skips names starting with '_'
      folder.stray_meta_files.push_back({name, folder.display_file("meta/" + name), e.is_directory(ec)});
    }
  }
  std::sort(folder.snapshots.begin(), folder.snapshots.end(),
            [](const Snapshot& a, const Snapshot& b) { return a.file_name < b.file_name; });
  std::sort(folder.stray_meta_files.begin(), folder.stray_meta_files.end(),
            [](const StrayMetaFile& a, const StrayMetaFile& b) { return a.file_name < b.file_name; });
}

void load_journal(Folder& folder, bool journal_found) {
  std::string display = folder.display_file("meta/_journal.json");
  if (!journal_found) {
    folder.journal.file = TextFile(display, {});
    return;
  }
  auto result = read_file_within(folder.path, folder.path / "meta" / "_journal.json", folder.overlay);
  if (auto* failure = std::get_if<ReadFailure>(&result)) {
    folder.journal.present = true;
    folder.journal.file = TextFile(display, {});
    folder.journal.unreadable = Problem{fmt::format("meta/_journal.json {}", failure->reason), folder.journal.whole()};
    return;
  }
  folder.journal = parse_journal(display, std::move(std::get<std::string>(result)));
}

}  // namespace

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

  bool journal_found = false;
  list_meta(folder, journal_found);
  list_sql_files(folder);
  if (!journal_found && folder.snapshots.empty() && folder.sql_files.empty()) {
    if (looks_like_v1_layout(folder.path)) {
      return FolderError{fmt::format("{}: this is the Drizzle Kit 1.0 layout (one folder per migration with "
                                     "migration.sql and snapshot.json); miglint checks the 0.x layout with "
                                     "meta/_journal.json and does not support 1.0 yet",
                                     display_path)};
    }
    return FolderError{fmt::format("{}: no Drizzle migrations here (no meta/_journal.json, no snapshots, no .sql "
                                   "files); pass the folder that drizzle.config's \"out\" names",
                                   display_path)};
  }
  load_journal(folder, journal_found);
  // SQL is parsed on a thread of its own while the snapshots load, when its dialect is known by
  // then (asked for, or in the journal); otherwise the engine parses it later.
  const bool sql_first = scope == LoadScope::EverythingAndParsedSql && folder.dialect().has_value();
  std::thread parsing;
  if (sql_first) {
    read_sql_files(folder);
    parsing = std::thread([&folder] {
      for (const SqlFile& sql : folder.sql_files) sql.sql();
    });
  }
  if (scope != LoadScope::JournalAndSql) load_snapshots(folder.path, folder.snapshots, folder.dialect(), folder.overlay);
  if (parsing.joinable()) parsing.join();
  if (!sql_first) read_sql_files(folder);
  return folder;
}

}  // namespace miglint
