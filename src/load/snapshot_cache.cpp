#include "load/snapshot_cache.h"

#include <vector>

#include <sys/stat.h>

#include "load/snapshot_loader.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

// A regular file's stamp; nothing for links, missing files and anything else (those are always read).
std::optional<SnapshotCache::FileStamp> stamp_of(const fs::path& file, std::optional<Dialect> dialect,
                                                 std::optional<Dialect> schema_as) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  SnapshotCache::FileStamp stamp;
  stamp.device = st.st_dev;
  stamp.inode = st.st_ino;
  stamp.size = st.st_size;
#ifdef __APPLE__  // the same nanosecond times under other names
  const timespec& modified = st.st_mtimespec;
  const timespec& changed = st.st_ctimespec;
#else
  const timespec& modified = st.st_mtim;
  const timespec& changed = st.st_ctim;
#endif
  stamp.mtime_ns = static_cast<std::int64_t>(modified.tv_sec) * 1000000000 + modified.tv_nsec;
  stamp.ctime_ns = static_cast<std::int64_t>(changed.tv_sec) * 1000000000 + changed.tv_nsec;
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
