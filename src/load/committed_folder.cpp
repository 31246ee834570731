#include "load/committed_folder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include <fmt/core.h>

#include "load/git_runner.h"
#include "load/journal_loader.h"
#include "load/layout_v0.h"
#include "load/layout_v1_listing.h"

namespace miglint {

namespace {

constexpr std::string_view kJournalPath = "meta/_journal.json";

// "<name>/migration.sql" at the folder's top level: the name of a 1.0 migration, else nothing.
std::optional<std::string> migration_folder_of(std::string_view path) {
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || path.substr(slash + 1) != drizzle_kit_1::kMigrationSql) {
    return std::nullopt;
  }
  return std::string(path.substr(0, slash));
}

std::string first_line(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return std::string(line);
}

struct TreeBlob {
  std::string object;
  std::string path;  // relative to the tree listed
};

// `git ls-tree -r -z` output: "<mode> <type> <object>\t<path>\0" per file.
std::vector<TreeBlob> parse_tree(const std::string& listing) {
  std::vector<TreeBlob> blobs;
  std::size_t start = 0;
  while (start < listing.size()) {
    std::size_t end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    std::string_view line(listing.data() + start, end - start);
    start = end + 1;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view head = line.substr(0, tab);
    const std::size_t first_space = head.find(' ');
    const std::size_t last_space = head.rfind(' ');
    if (first_space == last_space || head.substr(first_space + 1, last_space - first_space - 1) != "blob") continue;
    blobs.push_back({std::string(head.substr(last_space + 1)), std::string(line.substr(tab + 1))});
  }
  return blobs;
}

// The content of each object, in order, through one `git cat-file --batch`; nothing on failure.
std::optional<std::vector<std::string>> read_blobs(const std::filesystem::path& top, const std::vector<std::string>& objects) {
  std::vector<std::string> contents;
  if (objects.empty()) return contents;
  std::string request;
  for (const std::string& o : objects) request += o + "\n";
  GitOutput batch = run_git(top, {"cat-file", "--batch"}, request);
  if (!batch.ok()) return std::nullopt;
  // Each answer: "<object> blob <size>\n<content>\n".
  std::size_t at = 0;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const std::size_t header_end = batch.out.find('\n', at);
    if (header_end == std::string::npos) return std::nullopt;
    const std::string header = batch.out.substr(at, header_end - at);
    const std::size_t space = header.rfind(' ');
    if (space == std::string::npos || header.find(" blob ") == std::string::npos) return std::nullopt;
    std::size_t size = 0;
    const char* digits = header.data() + space + 1;
    if (std::from_chars(digits, header.data() + header.size(), size).ec != std::errc()) return std::nullopt;
    if (header_end + 1 + size > batch.out.size()) return std::nullopt;
    contents.push_back(batch.out.substr(header_end + 1, size));
    at = header_end + 1 + size + 1;
  }
  return contents;
}

// Fills the folder's committed files from a listing of its tree at REF.
bool read_files(const std::filesystem::path& top, const std::vector<TreeBlob>& tree, CommittedFolder& committed) {
  std::vector<const TreeBlob*> wanted;
  for (const TreeBlob& blob : tree) {
    if (blob.path == kJournalPath || blob.path.ends_with(".sql")) wanted.push_back(&blob);
  }
  std::vector<std::string> objects;
  for (const TreeBlob* blob : wanted) objects.push_back(blob->object);
  auto contents = read_blobs(top, objects);
  if (!contents) return false;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    std::string& bytes = (*contents)[i];
    if (wanted[i]->path == kJournalPath) {
      committed.journal = parse_journal(fmt::format("{}:{}/{}", committed.ref, committed.path_at_ref, kJournalPath), bytes);
    } else {
      if (auto name = migration_folder_of(wanted[i]->path)) committed.migration_folders.push_back(std::move(*name));
      committed.sql_files.emplace(wanted[i]->path, std::move(bytes));
    }
  }
  std::sort(committed.migration_folders.begin(), committed.migration_folders.end());
  return true;
}

std::set<std::string, std::less<>> tags_of(const Journal& journal) {
  std::set<std::string, std::less<>> tags;
  for (const JournalEntry& e : journal.entries) {
    if (e.tag) tags.insert(e.tag->value);
  }
  return tags;
}

// A folder renamed since REF: the folder at REF, gone from the work tree now, whose journal
// shares the most tags with this one's.
// A 1.0 folder has no journal: the directory at REF, gone now, holding the most of its migrations'
// folders (by name), and how many; the first by path on a tie.
std::pair<std::optional<std::string>, std::size_t> best_v1_folder(const std::filesystem::path& top,
                                                                   const std::vector<TreeBlob>& blobs,
                                                                   const Folder& folder, const std::string& prefix) {
  std::set<std::string_view> ours;
  for (const Migration& m : folder.migrations) {
    if (m.name) ours.insert(*m.name);
  }
  const std::string suffix = fmt::format("/{}", drizzle_kit_1::kMigrationSql);
  std::map<std::string, std::size_t> shared;
  for (const TreeBlob& blob : blobs) {
    if (!blob.path.ends_with(suffix)) continue;
    const std::string_view migration = std::string_view(blob.path).substr(0, blob.path.size() - suffix.size());
    const std::size_t slash = migration.rfind('/');
    const std::string dir(slash == std::string_view::npos ? "" : migration.substr(0, slash));
    const std::string_view name = slash == std::string_view::npos ? migration : migration.substr(slash + 1);
    if (dir == prefix || std::filesystem::exists(top / blob.path)) continue;  // still there: not this one
    if (ours.count(name)) ++shared[dir.empty() ? "." : dir];
  }
  std::pair<std::optional<std::string>, std::size_t> best{std::nullopt, 0};
  for (const auto& [dir, count] : shared) {
    if (count > best.second) best = {dir, count};
  }
  return best;
}

std::optional<std::string> renamed_folder(const std::filesystem::path& top, const std::string& commit,
                                          const Folder& folder, const std::string& prefix) {
  GitOutput names = run_git(top, {"ls-tree", "-r", "-z", "--full-tree", commit});
  if (!names.ok()) return std::nullopt;
  const std::vector<TreeBlob> blobs = parse_tree(names.out);
  std::vector<std::string> candidates, objects;
  for (const TreeBlob& blob : blobs) {
    const bool journal = blob.path == kJournalPath || blob.path.ends_with(fmt::format("/{}", kJournalPath));
    if (!journal) continue;
    std::string dir = blob.path.substr(0, blob.path.size() - kJournalPath.size());
    if (!dir.empty()) dir.pop_back();
    if (dir == prefix || std::filesystem::exists(top / dir / kJournalPath)) continue;
    candidates.push_back(dir.empty() ? "." : dir);
    objects.push_back(blob.object);
  }
  auto journals = read_blobs(top, objects);
  if (!journals) return std::nullopt;
  const auto ours = tags_of(folder.journal);
  auto [best, best_shared] = folder.layout == Layout::DrizzleKit1
                                 ? best_v1_folder(top, blobs, folder, prefix)
                                 : std::pair<std::optional<std::string>, std::size_t>{std::nullopt, 0};
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto theirs = tags_of(parse_journal(candidates[i], (*journals)[i]));
    const auto shared = static_cast<std::size_t>(
        std::count_if(theirs.begin(), theirs.end(), [&](const std::string& t) { return ours.count(t) > 0; }));
    if (shared > best_shared) {
      best_shared = shared;
      best = candidates[i];
    }
  }
  return best;
}

std::string missing_commit(const std::filesystem::path& top, const std::string& ref) {
  GitOutput shallow = run_git(top, {"rev-parse", "--is-shallow-repository"});
  if (shallow.ok() && first_line(shallow.out) == "true") {
    return fmt::format(
        "--since {0}: no such commit in this shallow clone; fetch the history it needs (git fetch --unshallow, "
        "or git fetch --depth=N origin {0}; in GitHub Actions, actions/checkout with fetch-depth: 0)",
        ref);
  }
  return fmt::format("--since {}: names no commit in the repository at {} (a branch, tag or commit id is expected)",
                     ref, top.generic_string());
}

}  // namespace

const std::string* CommittedFolder::sql_at_ref(std::string_view relative_path) const {
  auto it = sql_files.find(relative_path);
  return it == sql_files.end() ? nullptr : &it->second;
}

const JournalEntry* CommittedFolder::entry_at_ref(std::string_view tag) const {
  for (const JournalEntry& e : journal.entries) {
    if (e.tag && e.tag->value == tag) return &e;
  }
  return nullptr;
}

bool CommittedFolder::migration_folder_at_ref(std::string_view name) const {
  return std::binary_search(migration_folders.begin(), migration_folders.end(), name, std::less<>());
}

std::variant<CommittedFolder, std::string> read_committed_folder(const Folder& folder, const std::string& ref) {
  CommittedFolder committed;
  committed.ref = ref;
  GitOutput where = run_git(folder.path, {"rev-parse", "--show-toplevel", "--show-prefix"});
  if (!where.started) return fmt::format("--since {}: git could not be run; is it installed and on PATH?", ref);
  if (!where.ok()) {
    return fmt::format("--since {}: {} is not inside a git repository, so there is no commit to compare with",
                       ref, folder.display_path);
  }
  const std::size_t newline = where.out.find('\n');
  const std::filesystem::path top = first_line(where.out);
  std::string prefix = first_line(where.out.substr(newline + 1));
  if (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  committed.path_at_ref = prefix.empty() ? "." : prefix;
  if (ref.empty() || ref.front() == '-') return missing_commit(top, ref);
  GitOutput resolved = run_git(top, {"rev-parse", "--verify", "--quiet", ref + "^{commit}"});
  if (!resolved.ok()) {
    // A repository without a commit yet (the first commit's hook): everything is new.
    if (ref == "HEAD" && !run_git(top, {"rev-parse", "--verify", "--quiet", "HEAD"}).ok() &&
        run_git(top, {"rev-list", "-n", "1", "--all"}).out.empty()) {
      return committed;
    }
    return missing_commit(top, ref);
  }
  committed.commit = first_line(resolved.out);
  GitOutput tree = run_git(top, {"ls-tree", "-r", "-z", fmt::format("{}:{}", committed.commit, prefix)});
  if (!tree.ok()) {
    const std::optional<std::string> before = renamed_folder(top, committed.commit, folder, prefix);
    if (!before) return committed;  // the folder did not exist yet: everything is new
    committed.renamed = true;
    committed.path_at_ref = *before;
    tree = run_git(top, {"ls-tree", "-r", "-z", fmt::format("{}:{}", committed.commit, *before == "." ? "" : *before)});
    if (!tree.ok()) return fmt::format("--since {}: cannot list {} in {}: {}", ref, *before, ref, first_line(tree.err));
  }
  committed.existed = true;
  if (!read_files(top, parse_tree(tree.out), committed)) {
    return fmt::format("--since {}: cannot read the folder's files at {} with git cat-file", ref, ref);
  }
  return committed;
}

bool same_sql(std::string_view at_ref, std::string_view now) {
  std::size_t i = 0, j = 0;
  const auto skip_cr = [](std::string_view s, std::size_t& k) {
    if (k + 1 < s.size() && s[k] == '\r' && s[k + 1] == '\n') ++k;
  };
  for (;;) {
    skip_cr(at_ref, i);
    skip_cr(now, j);
    if (i == at_ref.size() || j == now.size()) return i == at_ref.size() && j == now.size();
    if (at_ref[i++] != now[j++]) return false;
  }
}

namespace {

// A 1.0 folder whose REF held the 0.x layout (the commit of `drizzle-kit up`, or one before it):
// up names each migration's folder by its entry's when, to the second, and moves the SQL unchanged.
// A migration is history when a committed entry of that second had the same SQL.
std::vector<const Migration*> history_since_0x(const Folder& folder, const CommittedFolder& committed) {
  std::vector<const Migration*> history;
  for (const Migration& m : folder.migrations) {
    if (!m.sql || m.sql->unreadable || !m.when) continue;
    const bool was_committed = std::any_of(
        committed.journal.entries.begin(), committed.journal.entries.end(), [&](const JournalEntry& e) {
          if (!e.tag || !e.when || std::floor(e.when->value / 1000) != std::floor(*m.when / 1000)) return false;
          const std::string* before = committed.sql_at_ref(drizzle_kit_0::sql_file_name(e.tag->value));
          return before && same_sql(*before, m.sql->file.bytes());
        });
    if (was_committed) history.push_back(&m);
  }
  return history;
}

}  // namespace

std::vector<const Migration*> history_migrations(const Folder& folder, const CommittedFolder& committed) {
  std::vector<const Migration*> history;
  if (!committed.existed) return history;
  if (folder.layout == Layout::DrizzleKit1 && committed.migration_folders.empty() && committed.journal.present) {
    return history_since_0x(folder, committed);
  }
  for (const Migration& m : folder.migrations) {
    if (!m.sql || m.sql->unreadable) continue;
    if (m.entry && !(m.entry->tag && committed.entry_at_ref(m.entry->tag->value))) continue;
    const std::string* before = committed.sql_at_ref(m.sql->relative_path);
    if (before && same_sql(*before, m.sql->file.bytes())) history.push_back(&m);
  }
  return history;
}

}  // namespace miglint
