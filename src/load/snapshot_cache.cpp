#include "load/snapshot_cache.h"

#include <vector>

#include "load/regular_file.h"
#include "load/snapshot_loader.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

// A regular file's stamp; nothing for links, missing files and anything else (those are always read).
std::optional<SnapshotCache::FileStamp> stamp_of(const fs::path& file, std::optional<Dialect> dialect,
                                                 std::optional<Dialect> schema_as) {
  auto identity = regular_file_identity(file);
  if (!identity) return std::nullopt;
  SnapshotCache::FileStamp stamp;
  stamp.identity = *identity;
  stamp.dialect = dialect;
  stamp.schema_as = schema_as;
  return stamp;
}

}  // namespace

// The journal and the SQL files are read by load_folder, the snapshots here.
std::variant<Folder, FolderError> SnapshotCache::load(const fs::path& path, const std::string& display_path,
                                                      std::optional<Dialect> requested_dialect,
                                                      const FileOverlay* overlay, bool with_schemas) {
  auto loaded = load_folder(path, display_path, requested_dialect, LoadScope::JournalAndSql, overlay);
  auto* folder = std::get_if<Folder>(&loaded);
  if (!folder) {
    by_file_name_.clear();
    return loaded;
  }
  // As load_folder does: judged by the requested or the journal's dialect (no snapshot is read yet).
  std::optional<Dialect> judged_by = folder->dialect();
  std::optional<Dialect> schema_as = with_schemas ? schema_dialect(judged_by) : std::nullopt;
  std::vector<Snapshot> missing;
  std::vector<std::size_t> missing_at;
  std::vector<std::optional<FileStamp>> stamps(folder->snapshots.size());
  std::map<std::string, Entry> kept;
  for (std::size_t i = 0; i < folder->snapshots.size(); ++i) {
    Snapshot& s = folder->snapshots[i];
    fs::path file = (folder->path / s.relative_path).lexically_normal();
    if (!overlay || !overlay->count(file)) stamps[i] = stamp_of(file, judged_by, schema_as);
    auto cached = by_file_name_.find(s.file_name);
    if (stamps[i] && cached != by_file_name_.end() && cached->second.stamp == *stamps[i]) {
      s = cached->second.snapshot;
      kept.emplace(s.file_name, std::move(cached->second));
      continue;
    }
    missing.push_back(std::move(s));
    missing_at.push_back(i);
  }
  if (!missing.empty()) load_snapshots(folder->path, missing, judged_by, overlay, schema_as);
  for (std::size_t j = 0; j < missing.size(); ++j) {
    std::size_t i = missing_at[j];
    if (stamps[i]) kept[missing[j].file_name] = Entry{*stamps[i], missing[j]};
    folder->snapshots[i] = std::move(missing[j]);
  }
  by_file_name_ = std::move(kept);
  return loaded;
}

}  // namespace miglint
