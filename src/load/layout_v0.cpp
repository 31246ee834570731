#include "load/layout_v0.h"

#include <algorithm>
#include <optional>
#include <variant>

#include <fmt/core.h>

#include "load/journal_loader.h"
#include "load/safe_read.h"

namespace miglint::drizzle_kit_0 {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMetaDirectory = "meta";
constexpr std::string_view kJournalName = "_journal.json";
constexpr std::string_view kSnapshotSuffix = "_snapshot.json";
constexpr std::string_view kSqlExtension = ".sql";

fs::path journal_path() { return fs::path(kMetaDirectory) / kJournalName; }

// The names in meta/ that make the folder above it a migrations folder: the journal or a snapshot
// (a folder whose journal was deleted still counts).
bool marks_a_folder(const std::string& name_in_meta) {
  return name_in_meta == kJournalName || name_in_meta.ends_with(kSnapshotSuffix);
}

// FIFOs, sockets and devices too: reading refuses them with a reason ("is not a regular file")
// better than "does not exist".
bool is_not_a_directory(const fs::directory_entry& e) {
  std::error_code ec;
  return e.is_symlink(ec) || !e.is_directory(ec);
}

void list_sql_files(Folder& folder) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder.path, ec)) {
    std::string name = e.path().filename().string();
    if (!name.ends_with(kSqlExtension) || !is_not_a_directory(e)) continue;
    SqlFile sql;
    sql.file_name = name;
    sql.relative_path = name;
    sql.tag = name.substr(0, name.size() - kSqlExtension.size());
    folder.sql_files.push_back(std::move(sql));
  }
  std::sort(folder.sql_files.begin(), folder.sql_files.end(),
            [](const SqlFile& a, const SqlFile& b) { return a.file_name < b.file_name; });
}

// Why meta/ exists but cannot be listed (a symbolic link to itself, no permission), if so.
std::optional<std::string> unlistable(const fs::path& meta, const std::error_code& ec) {
  std::error_code exists_ec;
  if (!fs::exists(fs::symlink_status(meta, exists_ec))) return std::nullopt;  // no meta/: journal-missing
  if (ec == std::errc::too_many_symbolic_link_levels) return "is a symbolic link that leads back to itself";
  return fmt::format("cannot be listed: {}", ec.message());
}

// Sorts meta/ into the journal, snapshots and names drizzle-kit would wrongly parse as snapshots.
// A meta/ that cannot be listed is kept as the journal's problem (placed once the journal is read).
void list_meta(Folder& folder) {
  std::error_code ec;
  fs::directory_iterator entries(folder.path / kMetaDirectory, ec);
  if (ec) {
    if (auto why = unlistable(folder.path / kMetaDirectory, ec)) {
      folder.journal.present = true;
      folder.journal.unreadable = Problem{
          fmt::format("meta/ {}, so neither meta/_journal.json nor a snapshot can be read", *why), {}};
    }
    return;
  }
  // Snapshots are made once, in order: each is a large object, and a folder may have thousands.
  std::vector<std::string> snapshot_names;
  for (const auto& e : entries) {
    std::string name = e.path().filename().string();
    if (name == kJournalName) {
      folder.journal.present = true;
    } else if (name.ends_with(kSnapshotSuffix)) {
      snapshot_names.push_back(std::move(name));
    } else if (!name.starts_with("_")) {  // drizzle-kit skips names starting with '_'
      std::string display = folder.display_file(std::string(kMetaDirectory) + "/" + name);
      folder.stray_meta_files.push_back({std::move(name), std::move(display), e.is_directory(ec)});
    }
  }
  std::sort(snapshot_names.begin(), snapshot_names.end());
  folder.snapshots.reserve(snapshot_names.size());
  for (std::string& name : snapshot_names) {
    Snapshot& s = folder.snapshots.emplace_back();
    s.prefix = name.substr(0, name.size() - kSnapshotSuffix.size());
    s.relative_path = std::string(kMetaDirectory) + "/" + name;
    s.display_path = folder.display_file(s.relative_path);
    s.file_name = std::move(name);
  }
  std::sort(folder.stray_meta_files.begin(), folder.stray_meta_files.end(),
            [](const StrayMetaFile& a, const StrayMetaFile& b) { return a.file_name < b.file_name; });
}

class DrizzleKit0Layout final : public FolderLayout {
 public:
  Layout id() const override { return Layout::DrizzleKit0; }

  // meta/ holding the journal or a snapshot.
  bool recognises(const fs::path& folder) const override {
    std::error_code ec;
    fs::path meta = folder / kMetaDirectory;
    if (fs::exists(meta / kJournalName, ec)) return true;
    for (const auto& e : fs::directory_iterator(meta, ec)) {
      if (marks_a_folder(e.path().filename().string())) return true;
    }
    return false;
  }

  bool could_be_member(const fs::path& path) const override {
    auto extension = path.extension();
    return extension == kSqlExtension || extension == ".json";
  }

  // Anything in meta/ belongs to the folder above; meta/ itself only when it holds the journal.
  std::optional<fs::path> folder_enclosing(const fs::path& path, bool is_directory) const override {
    fs::path dir = is_directory ? path : path.parent_path();
    if (dir.filename() != kMetaDirectory) return std::nullopt;
    std::error_code ec;
    if (is_directory && !fs::exists(dir / kJournalName, ec)) return std::nullopt;
    return dir.parent_path();
  }

  // A `.sql` file directly in a migrations folder, or a `.json` file in its meta/ directory.
  std::optional<Placement> place(const fs::path& file) const override {
    fs::path parent = file.parent_path();
    if (file.extension() == kSqlExtension) return Placement{parent, file.filename()};
    if (file.extension() == ".json" && parent.filename() == kMetaDirectory) {
      return Placement{parent.parent_path(), fs::path(kMetaDirectory) / file.filename()};
    }
    return std::nullopt;
  }

  std::optional<fs::path> index_file() const override { return journal_path(); }

  // The file's own directory, and the folder above the meta/ it lies in at any depth (a stray
  // directory in meta/ is a finding too).
  std::vector<fs::path> folders_changed_by(const fs::path& path) const override {
    std::vector<fs::path> folders{path.parent_path()};
    for (fs::path dir = path.parent_path(); dir.has_filename(); dir = dir.parent_path()) {
      if (dir.filename() == kMetaDirectory) {
        folders.push_back(dir.parent_path());
        break;
      }
    }
    return folders;
  }

  std::optional<fs::path> folder_marked_by(const fs::path& path) const override {
    fs::path meta = path.parent_path();
    if (meta.filename() != kMetaDirectory || !marks_a_folder(path.filename().string())) return std::nullopt;
    return meta.parent_path();
  }

  bool list(Folder& folder) const override {
    list_meta(folder);
    list_sql_files(folder);
    return folder.journal.present || !folder.snapshots.empty() || !folder.sql_files.empty();
  }

  void read_index(Folder& folder) const override {
    std::string display = folder.display_file(journal_path().generic_string());
    if (!folder.journal.present || folder.journal.unreadable) {
      folder.journal.file = TextFile(display, {});
      if (folder.journal.unreadable) folder.journal.unreadable->where = folder.journal.whole();
      return;
    }
    auto result = read_file_within(folder.path, folder.path / journal_path(), folder.overlay);
    if (auto* failure = std::get_if<ReadFailure>(&result)) {
      folder.journal.file = TextFile(display, {});
      folder.journal.unreadable = Problem{fmt::format("{} {}", journal_path().generic_string(), failure->reason), folder.journal.whole()};
      return;
    }
    folder.journal = parse_journal(display, std::move(std::get<std::string>(result)));
  }

  // drizzle's migrator applies the journal's entries in their order, reading <tag>.sql for each.
  std::vector<Migration> migrations(const Folder& folder) const override {
    std::vector<Migration> ordered;
    ordered.reserve(folder.journal.entries.size());
    for (const JournalEntry& entry : folder.journal.entries) {
      Migration m;
      if (entry.tag) m.name = entry.tag->value;
      if (entry.when) m.when = entry.when->value;
      m.sql = folder.sql_of(entry);
      m.snapshot = folder.snapshot_of(entry);
      m.entry = &entry;
      m.where = entry.where;
      ordered.push_back(std::move(m));
    }
    return ordered;
  }

  std::string_view files_looked_for() const override { return "no meta/_journal.json, no snapshots, no .sql files"; }
};

}  // namespace

const FolderLayout& layout() {
  static const DrizzleKit0Layout instance;
  return instance;
}

std::string sql_file_name(std::string_view tag) { return std::string(tag) + std::string(kSqlExtension); }

std::string snapshot_file_name(std::string_view tag_prefix) { return std::string(tag_prefix) + std::string(kSnapshotSuffix); }

}  // namespace miglint::drizzle_kit_0
