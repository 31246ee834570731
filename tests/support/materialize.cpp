#include "support/materialize.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "support/case_file.h"
#include "support/rule_case.h"
#include "support/run.h"

namespace miglint::test {

namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

const std::string kMigrationsTable =
    "CREATE TABLE \"__drizzle_migrations\" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric);\n";

fs::path snapshot_of(const fs::path& drizzle, const std::string& tag) {
  return drizzle / "meta" / (tag.substr(0, tag.find('_')) + "_snapshot.json");
}

ordered_json read_journal(const fs::path& drizzle) { return ordered_json::parse(read_file(drizzle / "meta/_journal.json")); }

// Drops the migration tagged `first` and every later one, as if the folder had been copied before
// drizzle-kit made them.
void truncate_before(const fs::path& drizzle, const std::string& first) {
  ordered_json journal = read_journal(drizzle);
  ordered_json& entries = journal["entries"];
  auto at = std::find_if(entries.begin(), entries.end(), [&](const ordered_json& e) { return e["tag"] == first; });
  if (at == entries.end()) throw std::runtime_error("base: no migration " + first + " in " + drizzle.string());
  for (auto e = at; e != entries.end(); ++e) {
    const std::string tag = (*e)["tag"].get<std::string>();
    fs::remove(drizzle / (tag + ".sql"));
    fs::remove(snapshot_of(drizzle, tag));
  }
  entries.erase(at, entries.end());
  write_file(drizzle / "meta/_journal.json", journal.dump(2));
}

// A base is a fixture folder holding drizzle/, optionally cut short: "generated/pg-index before 0002_seed_data".
void copy_base(const std::string& base, const fs::path& root) {
  const std::size_t before = base.find(" before ");
  const fs::path from = fixtures_dir() / base.substr(0, before) / "drizzle";
  if (!fs::is_directory(from)) throw std::runtime_error("base folder " + from.string() + " does not exist");
  copy_tree(from, root / "drizzle");
  if (before != std::string::npos) truncate_before(root / "drizzle", base.substr(before + 8));
}

// What `drizzle-kit generate --custom` adds: the next journal entry, a minute after the last one,
// and a copy of the last snapshot under a new id whose prevId is the last snapshot's id.
void add_migration(const fs::path& drizzle, const CaseSection& s) {
  ordered_json journal = read_journal(drizzle);
  ordered_json& entries = journal["entries"];
  if (entries.empty()) throw std::runtime_error("the base has no migration to follow");
  const ordered_json last = entries.back();
  ordered_json snapshot = ordered_json::parse(read_file(snapshot_of(drizzle, last["tag"].get<std::string>())));
  char id[40];
  std::snprintf(id, sizeof id, "ca5e0000-0000-4000-8000-%012zu", entries.size());
  snapshot["prevId"] = snapshot["id"];
  snapshot["id"] = id;
  entries.push_back({{"idx", entries.size()},
                     {"version", last["version"]},
                     {"when", last["when"].get<long long>() + 60000},
                     {"tag", s.name},
                     {"breakpoints", true}});
  write_file(drizzle / "meta/_journal.json", journal.dump(2));
  write_file(snapshot_of(drizzle, s.name), snapshot.dump(2));
  write_file(drizzle / (s.name + ".sql"), s.content);
}

// drizzle's migrations table as its migrator leaves it after applying these tags: each file's
// sha256 and its journal when.
std::string migrations_table(const fs::path& drizzle, const std::vector<std::string>& tags) {
  const ordered_json journal = read_journal(drizzle);
  std::string sql = kMigrationsTable;
  for (const std::string& tag : tags) {
    const ordered_json* when = nullptr;
    for (const ordered_json& e : journal["entries"]) {
      if (e["tag"] == tag) when = &e["when"];
    }
    if (when == nullptr) throw std::runtime_error("applied: " + tag + " is not in the journal");
    RunResult hash = run_shell("sha256sum " + sh_quote((drizzle / (tag + ".sql")).string()));
    if (hash.exit_code != 0 || hash.out.size() < 64) throw std::runtime_error("sha256sum failed: " + hash.err);
    sql += "INSERT INTO __drizzle_migrations VALUES(NULL,'" + hash.out.substr(0, 64) + "'," + when->dump() + ");\n";
  }
  return sql;
}

std::string database_beside(const fs::path& root, const std::string& sql) {
  const fs::path file = root.string() + ".db";
  make_sqlite_database(file, sql);
  return "sqlite:" + file.string();
}

Materialized materialize_sql_case(const fs::path& path, const fs::path& root) {
  const CaseFile file = parse_case_file(read_file(path), path.string());
  copy_base(file.base, root);
  const fs::path drizzle = root / "drizzle";
  for (const CaseSection& s : file.sections) {
    if (s.migration) {
      add_migration(drizzle, s);
    } else {
      write_file(drizzle / s.name, s.content);
    }
  }
  Materialized m{root, "", ""};
  if (file.applied) m.database_url = database_beside(root, migrations_table(drizzle, *file.applied));
  return m;
}

// A case folder's own files: everything but what describes the case.
bool is_case_data(const fs::path& name) { return name != "case.md" && name != "expected.txt" && name != "database.sql"; }

// "committed: BASE" (a base as for "base:") or "committed: before TAG" (the case itself, cut there):
// root becomes a git repository whose one commit holds that as drizzle/, with the case's own
// drizzle/ in the work tree, for a run with --since HEAD.
void commit_history(const std::string& committed, const fs::path& root) {
  const fs::path work = root / "drizzle";
  const fs::path aside = root.parent_path() / (root.filename().string() + ".work");
  fs::rename(work, aside);
  if (committed.starts_with("before ")) {
    copy_tree(aside, work);
    truncate_before(work, committed.substr(7));
  } else {
    copy_base(committed, root);
  }
  const RunResult r = run_shell(
      "git init -q -b main && git add drizzle && git -c user.email=cases@test.invalid -c user.name=Cases "
      "-c commit.gpgsign=false commit -q -m committed",
      root);
  if (r.exit_code != 0) throw std::runtime_error("cannot commit the history of " + root.string() + ": " + r.err);
  fs::remove_all(work);
  fs::rename(aside, work);
}

Materialized materialize_folder_case(const fs::path& dir, const fs::path& root) {
  std::istringstream md(read_file(dir / "case.md"));
  std::string base, committed;
  std::vector<std::string> deleted;
  for (std::string line; std::getline(md, line);) {
    if (line.starts_with("committed: ")) {
      committed = line.substr(11);
    } else if (line.starts_with("base: ")) {
      base = line.substr(6);
    } else if (line.starts_with("deleted: ")) {
      deleted.push_back(line.substr(9));
    } else {
      break;
    }
  }
  fs::create_directories(root);
  if (!base.empty()) copy_base(base, root);
  for (const std::string& d : deleted) {
    if (d.find("..") != std::string::npos || !fs::exists(root / d)) {
      throw std::runtime_error(dir.string() + "/case.md: deleted: " + d + " is not a path of the base");
    }
    fs::remove_all(root / d);
  }
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!is_case_data(entry.path().filename())) continue;
    fs::copy(entry.path(), root / entry.path().filename(),
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  Materialized m{root, "", ""};
  if (!committed.empty()) {
    commit_history(committed, root);
    m.since = "HEAD";
  }
  if (fs::exists(dir / "database.sql")) m.database_url = database_beside(root, read_file(dir / "database.sql"));
  return m;
}

}  // namespace

Materialized materialize_case(const fs::path& path, const fs::path& into) {
  if (path.extension() == ".sql") return materialize_sql_case(path, into);
  return materialize_folder_case(path, into);
}

}  // namespace miglint::test
