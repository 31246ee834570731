#include "load/model.h"

#include <algorithm>
#include <map>
#include <thread>
#include <unordered_set>

#include "core/short_run_memory.h"
#include "load/layout_v0.h"

namespace miglint {

std::string JournalEntry::tag_prefix() const {
  if (!tag) return {};
  return tag->value.substr(0, tag->value.find('_'));
}

std::string JournalEntry::snapshot_file_name() const { return drizzle_kit_0::snapshot_file_name(tag_prefix()); }

Location Journal::whole() const {
  Location loc;
  loc.file = file.display_path();
  loc.excerpt = std::string(file.line_text(1));
  return loc;
}

Location Snapshot::whole() const {
  Location loc;
  loc.file = display_path;
  return loc;
}

Location FolderEntry::where() const {
  Location loc;
  loc.file = display_path;
  return loc;
}

const Snapshot* Folder::snapshot_named(const std::string& file_name) const {
  auto it = std::lower_bound(snapshots.begin(), snapshots.end(), file_name,
                             [](const Snapshot& s, const std::string& name) { return s.file_name < name; });
  return it != snapshots.end() && it->file_name == file_name ? &*it : nullptr;
}

const SqlFile* Folder::sql_named(const std::string& file_name) const {
  auto it = std::lower_bound(sql_files.begin(), sql_files.end(), file_name,
                             [](const SqlFile& s, const std::string& name) { return s.file_name < name; });
  return it != sql_files.end() && it->file_name == file_name ? &*it : nullptr;
}

std::vector<const SqlFile*> Folder::sql_files_of_migrations() const {
  const bool orphans_known = layout != Layout::DrizzleKit0 || journal.entries_read;
  std::unordered_set<const SqlFile*> run;
  for (const Migration& m : migrations) {
    if (m.sql) run.insert(m.sql);
  }
  std::vector<const SqlFile*> out;
  for (const SqlFile& f : sql_files) {
    if (!orphans_known || run.contains(&f)) out.push_back(&f);
  }
  return out;
}

void Folder::analyze_sql_files() const {
  // Two threads, each taking about half the bytes (libpg_query is thread-safe).
  std::size_t total = 0;
  for (const SqlFile& f : sql_files) total += f.file.bytes().size();
  std::size_t half = 0, split = 0;
  while (split < sql_files.size() && half < total / 2) half += sql_files[split++].file.bytes().size();
  auto analyze = [this](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) sql_files[i].sql();
  };
  if (sql_files.size() < 8 || std::thread::hardware_concurrency() < 2) return analyze(0, sql_files.size());
  std::thread helper([&analyze, split, end = sql_files.size()] {
    advise_huge_pages_for_this_thread();
    analyze(split, end);
  });
  analyze(0, split);
  helper.join();
}

const SqlAnalysis& SqlFile::sql() const {
  // A file that was not read holds no statements: sql-file-missing or -orphan says why.
  if (!analysis_) analysis_ = unreadable ? SqlAnalysis{} : analyze_sql(file.bytes(), flavor);
  return *analysis_;
}

bool tag_is_safe(std::string_view tag) {
  return !tag.empty() && tag.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos &&
         tag.find("..") == std::string_view::npos;
}

const Snapshot* Folder::snapshot_of(const JournalEntry& entry) const {
  if (!entry.tag || !tag_is_safe(entry.tag->value)) return nullptr;
  return snapshot_named(entry.snapshot_file_name());
}

const SqlFile* Folder::sql_of(const JournalEntry& entry) const {
  if (!entry.tag || !tag_is_safe(entry.tag->value)) return nullptr;
  return sql_named(drizzle_kit_0::sql_file_name(entry.tag->value));
}

std::string Folder::tag_of(const Snapshot& snapshot) const {
  for (const JournalEntry& e : journal.entries) {
    if (e.tag && e.snapshot_file_name() == snapshot.file_name) return e.tag->value;
  }
  return {};
}

std::optional<Dialect> Folder::dialect() const {
  if (requested_dialect) return requested_dialect;
  if (journal.dialect) {
    if (auto d = parse_dialect(journal.dialect->value)) return d;
  }
  std::map<Dialect, std::size_t> votes;
  for (const auto& s : snapshots) {
    if (s.dialect) {
      if (auto d = parse_dialect(s.dialect->value)) ++votes[*d];
    }
  }
  if (votes.empty()) return std::nullopt;
  return std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

std::string Folder::display_file(const std::string& relative) const {
  if (display_path.empty() || display_path == ".") return relative;
  return display_path + "/" + relative;
}

}  // namespace miglint
