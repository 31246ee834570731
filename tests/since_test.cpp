// --since REF in real temporary git repositories: the migrations committed at REF are history,
// the statement rules judge only what changed, and the history rules judge what a change did to
// the committed ones. Also through the pre-commit hook (which compares with HEAD), and the bad
// inputs: no such commit, a shallow clone, no repository, a renamed folder, a folder new since REF.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "support/git_repo.h"
#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The base every test starts from: pg-index (0000-0002, made by drizzle-kit) committed as drizzle/.
void commit_pg_index(const Repo& repo, const std::string& folder = "drizzle") {
  copy_pg_index_without_findings(repo.root() / folder);
  repo.must("git add -A && git commit -q -m 'Initial schema'");
}

// Removes the migration `tag` the way drizzle-kit drop does: its entry, SQL file and snapshot.
void drop_migration(const Repo& repo, const std::string& folder, const std::string& tag) {
  ordered_json journal = ordered_json::parse(repo.file(folder + "/meta/_journal.json"));
  auto& entries = journal["entries"];
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if ((*it)["tag"] == tag) {
      entries.erase(it);
      break;
    }
  }
  repo.put(folder + "/meta/_journal.json", journal.dump(2));
  repo.must("rm " + sh_quote(folder + "/" + tag + ".sql") + " " +
            sh_quote(folder + "/meta/" + tag.substr(0, tag.find('_')) + "_snapshot.json"));
}

// Appends a hand-written migration as drizzle-kit generate --custom would: the next entry a minute
// after the last (or at `when`), and a copy of the last snapshot chained to it.
void append_migration(const Repo& repo, const std::string& folder, const std::string& tag, const std::string& sql,
                      std::optional<double> when = std::nullopt) {
  ordered_json journal = ordered_json::parse(repo.file(folder + "/meta/_journal.json"));
  auto& entries = journal["entries"];
  const ordered_json last = entries.back();
  ordered_json entry = last;
  entry["idx"] = entries.size();
  entry["when"] = when ? *when : last["when"].get<double>() + 60000;
  entry["tag"] = tag;
  entries.push_back(entry);
  repo.put(folder + "/meta/_journal.json", journal.dump(2));
  const std::string last_tag = last["tag"];
  auto snapshot = ordered_json::parse(repo.file(folder + "/meta/" + last_tag.substr(0, last_tag.find('_')) + "_snapshot.json"));
  snapshot["prevId"] = snapshot["id"];
  snapshot["id"] = "6d0a6f1e-3c2b-4f7e-9a51-" + std::string(12 - std::min<std::size_t>(12, tag.size()), '0') +
                   std::to_string(entries.size()).substr(0, 12);
  repo.put(folder + "/meta/" + tag.substr(0, tag.find('_')) + "_snapshot.json", snapshot.dump(2));
  repo.put(folder + "/" + tag + ".sql", sql);
}

TEST(Since, CommittedMigrationRemovedConsistentlyIsReported) {
  Repo repo;
  commit_pg_index(repo);
  drop_migration(repo, "drizzle", "0002_seed_data");
  // The folder alone is in order: only the comparison with HEAD sees the loss.
  RunResult plain = repo.sh("miglint check drizzle");
  EXPECT_EQ(plain.exit_code, 0) << plain.out;
  RunResult r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:1:1: error[history-migration-removed] the migration "
                              "\"0002_seed_data\" (idx 2) was committed at HEAD and is gone from the journal"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "in 1 folder. 2 migrations judged as history.")) << r.out;
}

TEST(Since, CommittedSqlFileEditedIsReportedAtTheFirstChangedLine) {
  Repo repo;
  commit_pg_index(repo);
  const std::string file = "drizzle/0002_seed_data.sql";
  repo.put(file, repo.file(file) + "\n-- a note added later\n");
  RunResult r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const std::string original = read_file(repo.root() / file);
  const auto lines = static_cast<int>(std::count(original.begin(), original.end(), '\n'));
  EXPECT_TRUE(contains(r.out, "drizzle/0002_seed_data.sql:" + std::to_string(lines - 1) +
                                  ":1: error[history-migration-edited] 0002_seed_data.sql was committed at HEAD and its "
                                  "SQL has changed since"))
      << r.out;
  // The edited migration is not history any more: two of three are.
  EXPECT_TRUE(contains(r.out, "2 migrations judged as history.")) << r.out;
  // Committed, the edit is history too: HEAD holds it now.
  repo.must("git commit -qam 'Edit 0002'");
  r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "No problems found in 1 folder. 3 migrations judged as history.")) << r.out;
  r = repo.sh("miglint check drizzle --since HEAD~1");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "error[history-migration-edited] 0002_seed_data.sql was committed at HEAD~1")) << r.out;
}

// core.autocrlf writes CRLF to the work tree of files committed with LF: the statements are the
// same, so the migrations stay history and nothing is reported as edited.
TEST(Since, LineEndingsChangedByGitAreNotAnEdit) {
  Repo repo;
  commit_pg_index(repo);
  const std::string file = "drizzle/0002_seed_data.sql";
  std::string crlf;
  for (char c : repo.file(file)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  repo.put(file, crlf);
  RunResult r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "No problems found in 1 folder. 3 migrations judged as history.")) << r.out;
  // A real edit among the changed line endings is still one.
  repo.put(file, crlf + "DELETE FROM users;\r\n");
  r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "error[history-migration-edited] 0002_seed_data.sql was committed at HEAD")) << r.out;
}

// main generated 0003_add_coupons and committed it; a branch generated 0003 a day earlier and,
// merging main, renumbered its migration 0004 with the older when. The hook on the branch's
// commit compares with HEAD (main's state), and so does --since main.
TEST(Since, BranchMigrationWithAWhenBeforeMainsNewestIsBlocked) {
  Repo repo;
  repo.must("git config core.hooksPath " + sh_quote((source_dir() / "hooks").string()));
  const fs::path merged = fixtures_dir() / "rules/journal/journal-when-not-increasing/bad-merge-index-renumbered/drizzle";
  copy_pg_index_without_findings(repo.root() / "drizzle");
  repo.copy(merged / "0003_add_coupons.sql", "drizzle/0003_add_coupons.sql");
  repo.copy(merged / "meta/0003_snapshot.json", "drizzle/meta/0003_snapshot.json");
  ordered_json journal = ordered_json::parse(read_file(merged / "meta/_journal.json"));
  ordered_json main_journal = journal;
  main_journal["entries"].erase(main_journal["entries"].size() - 1);
  repo.put("drizzle/meta/_journal.json", main_journal.dump(2));
  // The 0000-0002 base went without one index (copy_pg_index_without_findings); the copied
  // snapshots keep it, so leave the schema rule out: the subject here is the journal.
  repo.put(".miglint.toml", "ignore = [\"schema-sql-snapshot-mismatch\"]\n");
  repo.must("git add -A && git commit -q -m 'Add coupons'");
  repo.must("git checkout -q -b loyalty");
  repo.copy(merged / "0004_add_loyalty_points.sql", "drizzle/0004_add_loyalty_points.sql");
  repo.copy(merged / "meta/0004_snapshot.json", "drizzle/meta/0004_snapshot.json");
  repo.put("drizzle/meta/_journal.json", journal.dump(2));
  RunResult r = repo.sh("git add -A && git commit -m 'Add loyalty points'");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "error[history-migration-inserted] \"0004_add_loyalty_points\" is new since HEAD and "
                              "has when 1740993312777, not above the 1741098031401 of the committed \"0003_add_coupons\""))
      << r.out;
  EXPECT_TRUE(contains(r.out, "commit blocked")) << r.out;
  EXPECT_EQ(repo.sh("git rev-parse --abbrev-ref HEAD && git rev-list --count HEAD").out, "loyalty\n1\n");
  r = repo.sh("miglint check drizzle --since main --select history");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "is new since main and has when 1740993312777")) << r.out;
}

// Dokploy's 186 migrations hold hundreds of safety warnings; with one new migration appended, the
// hook (and --since HEAD) print only that migration's.
TEST(Since, DokployWithOneNewMigrationReportsOnlyItsFindings) {
  const fs::path corpus = corpus_dir() / "Dokploy__dokploy" / "apps__dokploy__drizzle";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
  Repo repo;
  repo.copy_folder(corpus, "drizzle");
  repo.must("git add -A && git commit -q -m 'Dokploy as it is'");
  const std::string everything = repo.sh("miglint check drizzle --select safety").out;
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(everything, counts, std::regex("Found \\d+ errors?, (\\d+) warning"))) << everything;
  EXPECT_GT(std::stoi(counts[1]), 200) << "the history this test hides should be loud";

  append_migration(repo, "drizzle", "0186_probe_flag",
                   "ALTER TABLE \"application\" ADD COLUMN \"probe_flag\" boolean NOT NULL;");
  repo.must("git config core.hooksPath " + sh_quote((source_dir() / "hooks").string()));
  RunResult r = repo.sh("git add -A && git commit -m 'Add probe flag'");
  // The folder rules still judge the whole folder: Dokploy's own orphan file and broken chain block it.
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "error[chain-broken]")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/0186_probe_flag.sql:1:1: warning[add-column-not-null-without-default]")) << r.out;
  EXPECT_TRUE(contains(r.out, "186 migrations judged as history.")) << r.out;
  // Every finding of a statement rule lies in the new migration (sql-file-orphan judges the folder).
  std::regex finding("^(drizzle/[^:]+\\.sql):\\d+:\\d+: \\w+\\[(?!sql-file-orphan)");
  std::istringstream lines(r.out);
  int findings = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, finding)) continue;
    ++findings;
    EXPECT_EQ(m[1].str(), "drizzle/0186_probe_flag.sql") << line;
  }
  EXPECT_GE(findings, 1) << r.out;
}

TEST(Since, ConfigKeyAndBaselineWork) {
  Repo repo;
  commit_pg_index(repo);
  append_migration(repo, "drizzle", "0003_drop_notes",
                   "ALTER TABLE \"customers\" DROP COLUMN \"phone\";");
  repo.put(".miglint.toml", "since = \"HEAD\"\n");
  RunResult r = repo.sh("miglint check drizzle");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/0003_drop_notes.sql:1:1: warning[drop-column]")) << r.out;
  EXPECT_TRUE(contains(r.out, "3 migrations judged as history.")) << r.out;
  repo.must("miglint check drizzle --write-baseline baseline.json");
  r = repo.sh("miglint check drizzle --baseline baseline.json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "No problems found in 1 folder (2 more in the baseline). 3 migrations judged as history."))
      << r.out;
}

TEST(Since, JsonSummaryCountsTheHistory) {
  Repo repo;
  commit_pg_index(repo);
  RunResult r = repo.sh("miglint check drizzle --since HEAD --format json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["summary"]["history_migrations"], 3) << r.out;
  r = repo.sh("miglint check drizzle --format json");
  EXPECT_FALSE(nlohmann::json::parse(r.out)["summary"].contains("history_migrations")) << r.out;
}

// --- Bad input ----------------------------------------------------------------------------------

TEST(Since, RefNamingNoCommitIsAClearError) {
  Repo repo;
  commit_pg_index(repo);
  RunResult r = repo.sh("miglint check drizzle --since no-such-branch");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "miglint: error: drizzle: --since no-such-branch: names no commit in the repository"))
      << r.out;
}

// The first commit's hook: HEAD names no commit yet, and everything is new.
TEST(Since, RepositoryWithoutACommitMakesEverythingNew) {
  Repo repo;
  copy_pg_index_without_findings(repo.root() / "drizzle");
  RunResult r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "No problems found in 1 folder. 0 migrations judged as history.\n");
  r = repo.sh("miglint check drizzle --since main");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "--since main: names no commit")) << r.out;
}

TEST(Since, ShallowCloneWithoutTheBaseSaysHowToFetchIt) {
  Repo repo;
  commit_pg_index(repo);
  const std::string first = repo.must("git rev-parse HEAD").out.substr(0, 40);
  append_migration(repo, "drizzle", "0003_drop_notes", "ALTER TABLE \"customers\" DROP COLUMN \"phone\";");
  repo.must("git add -A && git commit -q -m 'Drop phone'");
  repo.must("git clone -q --depth 1 " + sh_quote("file://" + repo.root().string()) + " ../shallow");
  RunResult r = repo.sh("cd ../shallow && miglint check drizzle --since " + first);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "no such commit in this shallow clone")) << r.out;
  EXPECT_TRUE(contains(r.out, "git fetch --unshallow")) << r.out;
  repo.must("cd ../shallow && git fetch -q --unshallow");
  r = repo.sh("cd ../shallow && miglint check drizzle --since " + first);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "3 migrations judged as history.")) << r.out;
}

TEST(Since, FolderOutsideAnyRepositoryIsAnErrorOnlyWithSince) {
  TempDir dir;
  copy_pg_index_without_findings(dir.path() / "drizzle");
  RunResult plain = run_miglint({"check", "drizzle"}, dir.path());
  EXPECT_EQ(plain.exit_code, 0) << plain.out << plain.err;
  EXPECT_EQ(plain.out, "No problems found in 1 folder.\n");
  RunResult r = run_miglint({"check", "drizzle", "--since", "HEAD"}, dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "drizzle: --since HEAD: drizzle is not inside a git repository")) << r.err;
}

TEST(Since, RenamedFolderIsComparedWithItsOldPath) {
  Repo repo;
  commit_pg_index(repo, "db/migrations");
  repo.must("git mv db/migrations drizzle && git commit -q -m 'Move the migrations'");
  const std::string file = "drizzle/0001_add_phone_and_status_idx.sql";
  repo.put(file, "-- reworded\n" + repo.file(file));
  RunResult r = repo.sh("miglint check drizzle --since HEAD~1");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "miglint: note: drizzle was db/migrations at HEAD~1; compared with that")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/0001_add_phone_and_status_idx.sql:1:1: error[history-migration-edited] "
                              "0001_add_phone_and_status_idx.sql was committed at HEAD~1 (where the folder was "
                              "db/migrations)"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "2 migrations judged as history.")) << r.out;
}

TEST(Since, FolderThatDidNotExistAtRefIsAllNew) {
  Repo repo;
  repo.put("README.md", "an app\n");
  repo.must("git add -A && git commit -q -m 'Start'");
  commit_pg_index(repo);
  repo.put("drizzle/0001_add_phone_and_status_idx.sql",
           repo.file("drizzle/0001_add_phone_and_status_idx.sql") + "--> statement-breakpoint\n"
           "CREATE INDEX \"orders_customer_idx\" ON \"orders\" (\"customer_id\");");
  RunResult r = repo.sh("miglint check drizzle --since HEAD~1");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "warning[create-index-on-existing-table]")) << r.out;
  EXPECT_FALSE(contains(r.out, "[history-")) << r.out;
  EXPECT_TRUE(contains(r.out, "in 1 folder. 0 migrations judged as history.")) << r.out;
  // Against HEAD, where the folder is committed, the same finding is in an edited migration.
  r = repo.sh("miglint check drizzle --since HEAD");
  EXPECT_TRUE(contains(r.out, "warning[create-index-on-existing-table]")) << r.out;
  EXPECT_TRUE(contains(r.out, "error[history-migration-edited]")) << r.out;
}

}  // namespace
}  // namespace miglint::test
