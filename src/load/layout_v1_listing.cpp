#include "load/layout_v1_listing.h"

#include <algorithm>

#include <fmt/core.h>

#include "load/safe_read.h"

namespace miglint::drizzle_kit_1 {

namespace fs = std::filesystem;

namespace {

// What a directory entry holds (the caller made sure it lies inside the folder).
void look_inside(const fs::path& path, FolderEntry& entry) {
  std::error_code ec;
  fs::directory_iterator inside(path, ec);
  if (ec) {
    entry.unreadable = ec == std::errc::too_many_symbolic_link_levels
                           ? "is a symbolic link that leads back to itself"
                           : fmt::format("cannot be listed: {}", ec.message());
    return;
  }
  for (const auto& e : inside) {
    std::string name = e.path().filename().string();
    if (name == kMigrationSql) {
      entry.has_sql = true;
    } else if (name == kSnapshotJson) {
      entry.has_snapshot = true;
    } else {
      entry.other_files.push_back(std::move(name));
    }
  }
  std::sort(entry.other_files.begin(), entry.other_files.end());
}

}  // namespace

bool list_entries(Folder& folder) {
  std::error_code ec;
  std::vector<FolderEntry> entries;
  for (const auto& e : fs::directory_iterator(folder.path, ec)) {
    FolderEntry entry;
    entry.name = e.path().filename().string();
    entry.display_path = folder.display_file(entry.name);
    entry.is_symlink = e.is_symlink(ec);
    entry.is_directory = e.is_directory(ec);  // through a link too, as the migrator's existsSync goes
    if (entry.is_symlink && !resolves_within(folder.path, e.path())) {
      entry.unreadable = "is a symbolic link that leads outside the migrations folder (or nowhere); miglint does not follow it";
    } else if (entry.is_directory) {
      look_inside(e.path(), entry);
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; });
  bool migrations_here = std::any_of(entries.begin(), entries.end(), [](const FolderEntry& e) {
    return e.has_sql || (e.has_snapshot && e.name != "meta");
  });
  if (!migrations_here) return false;

  for (const FolderEntry& entry : entries) {
    if (entry.name == "meta" && std::find(entry.other_files.begin(), entry.other_files.end(), "_journal.json") !=
                                    entry.other_files.end()) {
      folder.journal.present = true;
      folder.journal.file = TextFile(folder.display_file("meta/_journal.json"), {});
    }
    if (entry.unreadable) continue;
    if (entry.has_sql) {
      SqlFile sql;
      sql.relative_path = entry.name + "/" + std::string(kMigrationSql);
      sql.file_name = sql.relative_path;
      sql.tag = entry.name;
      folder.sql_files.push_back(std::move(sql));
    }
    if (entry.has_snapshot) {
      Snapshot s;
      s.relative_path = entry.name + "/" + std::string(kSnapshotJson);
      s.file_name = s.relative_path;
      s.prefix = entry.name;
      s.display_path = folder.display_file(s.relative_path);
      folder.snapshots.push_back(std::move(s));
    }
  }
  std::sort(folder.sql_files.begin(), folder.sql_files.end(),
            [](const SqlFile& a, const SqlFile& b) { return a.file_name < b.file_name; });
  std::sort(folder.snapshots.begin(), folder.snapshots.end(),
            [](const Snapshot& a, const Snapshot& b) { return a.file_name < b.file_name; });
  folder.entries = std::move(entries);
  return true;
}

}  // namespace miglint::drizzle_kit_1
