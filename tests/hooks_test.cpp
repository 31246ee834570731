// Integrations end to end: the git hook (hooks/pre-commit), the pre-commit framework
// (.pre-commit-hooks.yaml), husky + lint-staged and the GitHub Actions example
// (hooks/github-actions-miglint.yml), each in temporary git repositories with real `git commit`s
// and the real tools. The snippets come from README.md ("## Integrations"): each follows a
// "<!-- hooks_test: NAME -->" comment, so the docs show exactly what runs here.
//
// pre-commit, shellcheck and dash (Debian) and husky, lint-staged and yaml (npm, pinned in
// tests/tools/hooks/package.json) are installed on first use by tests/tools/hooks/install_hook_tools.sh
// into <build dir>/test-tools-hooks (or $MIGLINT_HOOK_TOOLS_DIR).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/git_repo.h"
#include "support/rule_case.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

fs::path miglint_dir() { return fs::path(MIGLINT_BINARY).parent_path(); }
fs::path hook_script() { return source_dir() / "hooks" / "pre-commit"; }
fs::path pg_index() { return fixtures_dir() / "generated" / "pg-index" / "drizzle"; }
const char kOrphanSql[] = "0003_orders_customer_status_idx.sql";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The fenced block that follows "<!-- hooks_test: NAME -->" in README.md, without its fences.
std::string readme_snippet(const std::string& name) {
  std::string readme = read_file(source_dir() / "README.md");
  std::string marker = "<!-- hooks_test: " + name + " -->\n```";
  size_t at = readme.find(marker);
  if (at == std::string::npos) {
    ADD_FAILURE() << "README.md has no snippet " << name;
    return "";
  }
  size_t body = readme.find('\n', at + marker.size());
  size_t end = readme.find("\n```\n", body);
  if (body == std::string::npos || end == std::string::npos) {
    ADD_FAILURE() << "README.md snippet " << name << " is not closed";
    return "";
  }
  return readme.substr(body + 1, end + 1 - (body + 1));
}

// Replaces the value of the first "KEY: value" line (YAML) with value.
std::string replace_yaml_value(std::string text, const std::string& key, const std::string& value) {
  size_t at = text.find(key + ": ");
  if (at == std::string::npos) {
    ADD_FAILURE() << "no " << key << " in " << text;
    return text;
  }
  size_t start = at + key.size() + 2;
  size_t end = text.find('\n', start);
  return text.replace(start, end - start, value);
}

// Installs the hook tools once per process and returns their directory ("" after failing).
std::string hook_tools() {
  static std::string dir = [] {
    fs::path tools = miglint_dir() / "test-tools-hooks";
    if (const char* d = std::getenv("MIGLINT_HOOK_TOOLS_DIR"); d != nullptr && *d != '\0') tools = d;
    RunResult r = run_shell("bash " + sh_quote((source_dir() / "tests/tools/hooks/install_hook_tools.sh").string()) +
                            " " + sh_quote(tools.string()));
    if (r.exit_code != 0) {
      ADD_FAILURE() << "cannot install the hook test tools:\n" << r.err;
      return std::string();
    }
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }();
  return dir;
}

// The journal of `from` with only the entries whose tag is in `tags`, in that order, written as
// drizzle-kit writes it (JSON.stringify(..., 2), no final newline). `renames` maps an old tag to a
// new one and sets its idx to its new position.
std::string journal_of(const fs::path& from, const std::vector<std::string>& tags,
                       const std::vector<std::pair<std::string, std::string>>& renames = {}) {
  ordered_json journal = ordered_json::parse(read_file(from / "meta" / "_journal.json"));
  ordered_json entries = ordered_json::array();
  for (const std::string& tag : tags) {
    for (const auto& entry : journal["entries"]) {
      if (entry["tag"].get<std::string>() != tag) continue;
      ordered_json copy = entry;
      for (const auto& [old_tag, new_tag] : renames) {
        if (tag == old_tag) {
          copy["tag"] = new_tag;
          copy["idx"] = entries.size();
        }
      }
      entries.push_back(copy);
    }
  }
  EXPECT_EQ(entries.size(), tags.size()) << "missing tags in " << from;
  journal["entries"] = entries;
  return journal.dump(2);
}

// The pg-index folder (0000-0002, made by drizzle-kit, without findings) committed as drizzle/.
void add_base_folder(const Repo& repo) { copy_pg_index_without_findings(repo.root() / "drizzle"); }

// A clean next migration: 0003_add_coupons as drizzle-kit made it on top of pg-index.
void add_coupons_migration(const Repo& repo) {
  fs::path src = rule_case_folder("chain-fork", "good-rebased-and-regenerated");
  repo.copy(src / "0003_add_coupons.sql", "drizzle/0003_add_coupons.sql");
  // The base folder went without the index orders_status_idx (copy_pg_index_without_findings):
  // the new snapshot goes without it too.
  auto snapshot = nlohmann::ordered_json::parse(read_file(src / "meta" / "0003_snapshot.json"));
  snapshot["tables"]["public.orders"]["indexes"].erase("orders_status_idx");
  repo.put("drizzle/meta/0003_snapshot.json", snapshot.dump(2));
  repo.put("drizzle/meta/_journal.json",
           journal_of(src, {"0000_init", "0001_add_phone_and_status_idx", "0002_seed_data", "0003_add_coupons"}));
}

// A stand-in for MIGLINT: `hook-folders` goes to the real miglint (the hook asks it which folders
// the commit touches); `check` records its folders, each as <FOLDER>, one run a line, and fails.
fs::path recording_miglint(const Repo& repo) {
  fs::path fake = repo.temp() / "fake-miglint";
  write_file(fake, "#!/bin/sh\n"
                   "if [ \"$1\" = hook-folders ]; then exec miglint \"$@\"; fi\n"
                   "shift 5\n"  // check --offline --since HEAD --
                   "{ printf '<%s>' \"$@\"; echo; } >>\"$0.ran\"\n"
                   "exit 1\n");
  fs::permissions(fake, fs::perms::owner_all);
  return fake;
}

// --- Git hook ----------------------------------------------------------------------------------

// A repository with the hook installed by the README's snippet and pg-index committed through it.
class GitHook : public ::testing::Test {
 protected:
  void SetUp() override {
    repo.must("MIGLINT_SRC=" + sh_quote(source_dir().string()) + "\n" + readme_snippet("git-hook-install"));
    add_base_folder(repo);
    first = repo.sh("git add -A && git commit -q -m 'Initial schema'");
    ASSERT_EQ(first.exit_code, 0) << first.out;
    ASSERT_EQ(repo.commits(), 1);
  }
  Repo repo;
  RunResult first;
};

TEST_F(GitHook, FirstCommitOfACleanFolderRunsMiglintAndCommits) {
  EXPECT_TRUE(contains(first.out, "No problems found in 1 folder.")) << first.out;
  EXPECT_EQ(repo.sh("git config core.hooksPath").out, ".githooks\n");
  EXPECT_EQ(repo.file(".githooks/pre-commit"), read_file(hook_script()));
}

TEST_F(GitHook, CleanNewMigrationCommits) {
  add_coupons_migration(repo);
  RunResult r = repo.sh("git add drizzle && git commit -m 'Add coupons'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "No problems found in 1 folder.")) << r.out;
}

TEST_F(GitHook, OrphanSqlFileIsBlockedWithTheReadmeOutput) {
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  RunResult r = repo.sh(std::string("git add drizzle/") + kOrphanSql + " && git commit -m 'Index orders by customer'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]")) << r.out;
  EXPECT_TRUE(contains(r.out, "git commit --no-verify")) << r.out;
  // README.md shows this very output after the command line.
  std::string shown = readme_snippet("git-hook-blocked-output");
  ASSERT_TRUE(contains(shown, "\n"));
  EXPECT_EQ(shown.substr(shown.find('\n') + 1), r.out);
}

TEST_F(GitHook, NoVerifyBypassesTheHook) {
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  RunResult r = repo.sh("git add drizzle && git commit --no-verify -m 'Orphan on purpose'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_FALSE(contains(r.out, "sql-file-orphan")) << r.out;
}

// A real two-branch merge: main adds 0003_add_coupons, a branch made from the same parent adds
// 0003_add_loyalty_points; the merge conflicts (journal, meta/0003_snapshot.json) and is resolved
// as in fixtures/rules/chain/chain-fork/bad-merge-index-renumbered (the branch's migration renumbered to
// 0004 with its snapshot still following 0002).
TEST_F(GitHook, ForkedChainFromARealMergeIsBlocked) {
  fs::path merged = rule_case_folder("chain-fork", "bad-merge-index-renumbered");
  repo.copy(merged / "0003_add_coupons.sql", "drizzle/0003_add_coupons.sql");
  repo.copy(merged / "meta" / "0003_snapshot.json", "drizzle/meta/0003_snapshot.json");
  repo.put("drizzle/meta/_journal.json",
           journal_of(merged, {"0000_init", "0001_add_phone_and_status_idx", "0002_seed_data", "0003_add_coupons"}));
  RunResult r = repo.sh("git add drizzle && git commit -q -m 'Add coupons'");
  ASSERT_EQ(r.exit_code, 0) << r.out;

  repo.must("git checkout -q -b loyalty HEAD~1");
  repo.copy(merged / "0004_add_loyalty_points.sql", "drizzle/0003_add_loyalty_points.sql");
  repo.copy(merged / "meta" / "0004_snapshot.json", "drizzle/meta/0003_snapshot.json");
  repo.put("drizzle/meta/_journal.json",
           journal_of(merged, {"0000_init", "0001_add_phone_and_status_idx", "0002_seed_data", "0004_add_loyalty_points"},
                      {{"0004_add_loyalty_points", "0003_add_loyalty_points"}}));
  r = repo.sh("git add drizzle && git commit -q -m 'Add loyalty points'");
  ASSERT_EQ(r.exit_code, 0) << "the branch alone is a clean chain:\n" << r.out;

  repo.must("git checkout -q main");
  r = repo.sh("git merge --no-edit loyalty");
  ASSERT_NE(r.exit_code, 0) << "expected merge conflicts:\n" << r.out;
  EXPECT_TRUE(contains(r.out, "CONFLICT")) << r.out;
  // The resolution: keep main's 0003, renumber the branch's migration to 0004.
  repo.must("rm -rf drizzle");
  repo.copy_folder(merged, "drizzle");
  repo.must("git add -A drizzle && test -z \"$(git diff --name-only --diff-filter=U)\"");
  r = repo.sh("git commit --no-edit");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 2) << "the merge commit must not exist";
  EXPECT_EQ(repo.sh("git rev-parse -q --verify MERGE_HEAD >/dev/null").exit_code, 0) << "the merge is still in progress";
  EXPECT_TRUE(contains(r.out, "drizzle/meta/0004_snapshot.json:3:13: error[chain-fork]")) << r.out;
}

TEST_F(GitHook, JournalEntryRemovedWhileItsFilesStayIsBlocked) {
  repo.put("drizzle/meta/_journal.json", journal_of(pg_index(), {"0000_init", "0001_add_phone_and_status_idx"}));
  RunResult r = repo.sh("git add drizzle && git commit -m 'Forget 0002'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/0002_seed_data.sql:1:1: error[sql-file-orphan]")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:1:1: error[snapshot-count-mismatch]")) << r.out;
}

// Only deletions are staged: the journal still lists the applied migration 0001.
TEST_F(GitHook, AppliedMigrationFilesDeletedIsBlocked) {
  RunResult r = repo.sh("git rm -q drizzle/0001_add_phone_and_status_idx.sql drizzle/meta/0001_snapshot.json && "
                        "git commit -m 'Remove 0001'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:16:14: error[sql-file-missing] entry 1")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:16:14: error[snapshot-missing] entry 1")) << r.out;
}

// The migration's files and its journal entry deleted, as `drizzle-kit drop` does: the next
// snapshot's prevId dangles (fixtures/rules/chain/chain-broken/bad-drop-middle).
TEST_F(GitHook, MiddleMigrationDroppedIsBlocked) {
  fs::path dropped = rule_case_folder("chain-broken", "bad-drop-middle");
  repo.copy(dropped / "meta" / "_journal.json", "drizzle/meta/_journal.json");
  RunResult r = repo.sh("git rm -q drizzle/0001_add_phone_and_status_idx.sql drizzle/meta/0001_snapshot.json && "
                        "git add drizzle && git commit -m 'Drop 0001'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/0002_snapshot.json:3:13: error[chain-broken]")) << r.out;
}

// A rename out of the folder: its old name selects the folder.
TEST_F(GitHook, MigrationMovedOutOfTheFolderIsBlocked) {
  RunResult r = repo.sh("mkdir archive && git mv drizzle/0002_seed_data.sql archive/ && git commit -m 'Archive seed'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:23:14: error[sql-file-missing] entry 2")) << r.out;
}

// Staged: a truncated journal. Work tree: the good journal again. The commit is what is checked.
TEST_F(GitHook, PartiallyStagedBrokenJournalIsBlocked) {
  std::string good = repo.file("drizzle/meta/_journal.json");
  repo.put("drizzle/meta/_journal.json", good.substr(0, good.size() - 10));
  repo.must("git add drizzle/meta/_journal.json");
  repo.put("drizzle/meta/_journal.json", good);
  EXPECT_EQ(repo.sh("miglint check drizzle").exit_code, 0) << "the work tree is clean";
  RunResult r = repo.sh("git commit -m 'Broken journal'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:")) << r.out;
  EXPECT_TRUE(contains(r.out, "error[journal-malformed]")) << r.out;
}

// Staged: a clean new migration. Work tree: a broken journal. The commit goes through and the
// work tree keeps its unstaged change.
TEST_F(GitHook, PartiallyStagedGoodMigrationCommits) {
  add_coupons_migration(repo);
  std::string good = repo.file("drizzle/meta/_journal.json");
  repo.must("git add drizzle");
  repo.put("drizzle/meta/_journal.json", "{\n");
  EXPECT_EQ(repo.sh("miglint check drizzle").exit_code, 1) << "the work tree is broken";
  RunResult r = repo.sh("git commit -m 'Add coupons'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_EQ(repo.sh("git show HEAD:drizzle/meta/_journal.json").out, good);
  EXPECT_EQ(repo.file("drizzle/meta/_journal.json"), "{\n");
  EXPECT_EQ(repo.sh("git status --porcelain").out, " M drizzle/meta/_journal.json\n");
}

// `git commit PATH...` commits HEAD plus those paths from the work tree (git builds a temporary
// index for the hook): a broken journal named there is blocked, one only staged is not committed.
TEST_F(GitHook, CommitOfNamedPathsChecksWhatIsCommitted) {
  std::string good = repo.file("drizzle/meta/_journal.json");
  repo.put("drizzle/meta/_journal.json", good.substr(0, good.size() - 10));
  RunResult r = repo.sh("git commit -m 'Broken journal' drizzle/meta/_journal.json");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "error[journal-malformed]")) << r.out;

  repo.must("git add drizzle/meta/_journal.json");
  repo.put("drizzle/meta/_journal.json", good);
  // Not the SQL: a committed migration's SQL is history (history-migration-edited).
  repo.put("drizzle/meta/0002_snapshot.json", ordered_json::parse(repo.file("drizzle/meta/0002_snapshot.json")).dump(4));
  r = repo.sh("git commit -m 'Reindent the seed snapshot' drizzle/meta/0002_snapshot.json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_EQ(repo.sh("git show HEAD:drizzle/meta/_journal.json").out, good);
}

// A commit outside any migrations folder (a loose .sql file and a meta/ directory without journal
// or snapshots included) never runs `miglint check`; a commit touching drizzle/ does.
TEST_F(GitHook, CommitOutsideMigrationsFoldersDoesNotRunTheCheck) {
  fs::path fake = recording_miglint(repo);
  std::string env = "MIGLINT=" + sh_quote(fake.string()) + " ";
  repo.put("README.md", "# app\n");
  repo.put("scripts/seed.sql", "INSERT INTO customers DEFAULT VALUES;\n");
  repo.put("src/meta/info.json", "{}\n");
  RunResult r = repo.sh("git add README.md scripts src && " + env + "git commit -m 'Docs and scripts'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_FALSE(fs::exists(fake.string() + ".ran")) << read_file(fake.string() + ".ran");

  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  r = repo.sh("git add drizzle && " + env + "git commit -m 'Orphan'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_EQ(read_file(fake.string() + ".ran"), "<drizzle>\n");
}

// The hook asks miglint which folders a commit touches, so without miglint every commit stops, with
// how to install it or skip the hook.
TEST_F(GitHook, MissingMiglintBlocksAndSaysHowToInstall) {
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  RunResult r = repo.sh("git add drizzle && MIGLINT=/nonexistent/miglint git commit -m 'Orphan'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "miglint is not installed or not on PATH")) << r.out;
  EXPECT_TRUE(contains(r.out, "MIGLINT=/path/to/miglint")) << r.out;
  EXPECT_TRUE(contains(r.out, "git commit --no-verify")) << r.out;

  repo.must("git reset -q --hard");
  repo.put("README.md", "# app\n");
  r = repo.sh("git add README.md && MIGLINT=/nonexistent/miglint git commit -m 'Docs'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "miglint is not installed or not on PATH")) << r.out;
}

// .miglint.toml is read from the index; MIGLINT_ARGS reaches miglint.
TEST_F(GitHook, ConfigFromTheIndexAndMiglintArgs) {
  repo.put(".miglint.toml", "[severity]\nsql-file-orphan = \"warning\"\n");
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  RunResult r = repo.sh("git add .miglint.toml drizzle && git commit -m 'Orphan as a warning'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: warning[sql-file-orphan]")) << r.out;

  // A settings change left unstaged is not what gets committed, so it does not count.
  repo.put(".miglint.toml", "[severity]\nsql-file-orphan = \"error\"\n");
  repo.put(std::string("drizzle/") + kOrphanSql, "-- still orphaned\n");
  r = repo.sh(std::string("git add drizzle/") + kOrphanSql + " && git commit -m 'Touch orphan'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 3);

  repo.put(std::string("drizzle/") + kOrphanSql, "-- orphaned again\n");
  r = repo.sh(std::string("git add drizzle/") + kOrphanSql +
              " && MIGLINT_ARGS='--fail-on warning' git commit -m 'Touch orphan again'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 3);
  EXPECT_TRUE(contains(r.out, "warning[sql-file-orphan]")) << r.out;
}

// Two folders; only the touched one is checked, and paths read as repository paths.
TEST_F(GitHook, OnlyTouchedFoldersAreChecked) {
  repo.copy_folder(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal"), "packages/legacy db/drizzle");
  repo.must("git add packages && git commit -q --no-verify -m 'Legacy folder with an orphan'");
  add_coupons_migration(repo);
  RunResult r = repo.sh("git add drizzle && git commit -m 'Add coupons'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 3);

  repo.put("packages/legacy db/drizzle/meta/_journal.json",
           repo.file("packages/legacy db/drizzle/meta/_journal.json") + "\n");
  r = repo.sh("git add packages && git commit -m 'Touch legacy'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 3);
  EXPECT_TRUE(contains(r.out, "packages/legacy db/drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]"))
      << r.out;
}

// A merge that git completes itself runs pre-merge-commit (installed by the README snippet too).
TEST_F(GitHook, CleanMergeOfABranchWithAnOrphanIsBlocked) {
  repo.must("git checkout -q -b feature");
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  repo.must("git add drizzle && git commit -q --no-verify -m 'Orphan'");
  repo.must("git checkout -q main");
  repo.put("README.md", "# app\n");
  repo.must("git add README.md && git commit -q -m 'Docs'");
  RunResult r = repo.sh("git merge --no-edit feature");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]")) << r.out;
}

// The script copied into .git/hooks, and run directly by dash; shellcheck finds nothing.
TEST(GitHookScript, WorksFromGitHooksUnderDashAndIsShellcheckClean) {
  std::string tools = hook_tools();
  ASSERT_FALSE(tools.empty());
  EXPECT_EQ(read_file(hook_script()).rfind("#!/bin/sh\n", 0), 0u);
  RunResult lint = run_shell("shellcheck -s sh " + sh_quote(hook_script().string()) + " 2>&1");
  EXPECT_EQ(lint.exit_code, 0) << lint.out;

  Repo repo;
  add_base_folder(repo);
  repo.must("git add -A && git commit -q -m base");
  repo.must("cp " + sh_quote(hook_script().string()) + " .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit");
  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  repo.must("git add drizzle");
  RunResult direct = repo.sh("dash .git/hooks/pre-commit");
  EXPECT_EQ(direct.exit_code, 1) << direct.out;
  EXPECT_TRUE(contains(direct.out, "error[sql-file-orphan]")) << direct.out;
  fs::path tmp = repo.temp() / "tmp";
  fs::create_directories(tmp);
  RunResult r = repo.sh("TMPDIR=" + sh_quote(tmp.string()) + " git commit -m orphan");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]")) << r.out;
  EXPECT_TRUE(fs::is_empty(tmp)) << "the hook leaves its temporary directory behind";
}

// The folders the hook hands to `miglint check` for each staged change: a file of any name directly
// in a migrations folder or anywhere under its meta/, added, changed or deleted, selects it; files
// elsewhere (a meta/ without journal or snapshots, a subdirectory that is not meta/) select nothing;
// in the 1.0 layout, a file in a migration's folder or at the top selects the folder above; folder
// names keep their spaces and newlines.
TEST(GitHookScript, ChecksTheFoldersTheStagedChangesTouch) {
  Repo repo;
  add_base_folder(repo);                                   // drizzle/: journal and snapshots
  copy_pg_index_without_findings(repo.root() / "legacy");  // legacy/: snapshots, its journal deleted
  fs::remove(repo.root() / "legacy" / "meta" / "_journal.json");
  copy_pg_index_without_findings(repo.root() / "app db" / "drizzle");
  copy_pg_index_without_findings(repo.root() / "line\nbreak");
  repo.put("v1/20250101000000_init/migration.sql", "CREATE TABLE t (id int);\n");  // the 1.0 layout
  repo.put("v1/20250101000000_init/snapshot.json", "{}\n");
  repo.put("src/meta/info.json", "{}\n");
  repo.put("scripts/seed.sql", "SELECT 1;\n");
  repo.must("git add -A && git commit -q -m base");
  const fs::path fake = recording_miglint(repo);

  const std::vector<std::pair<std::string, std::string>> staged_and_checked = {
      {"echo >drizzle/0003_new.sql", "<drizzle>\n"},
      {"echo >drizzle/notes.md", "<drizzle>\n"},
      {"echo >>drizzle/meta/_journal.json", "<drizzle>\n"},
      {"echo >>drizzle/meta/0001_snapshot.json", "<drizzle>\n"},
      {"mkdir -p drizzle/meta/old/deeper && echo >drizzle/meta/old/deeper/x.json", "<drizzle>\n"},
      {"git rm -q drizzle/0001_add_phone_and_status_idx.sql", "<drizzle>\n"},
      {"git rm -q drizzle/meta/0002_snapshot.json", "<drizzle>\n"},
      {"mkdir archive && git mv drizzle/0002_seed_data.sql archive/", "<drizzle>\n"},
      {"git rm -q drizzle/meta/_journal.json drizzle/meta/0000_snapshot.json drizzle/meta/0001_snapshot.json "
       "drizzle/meta/0002_snapshot.json",
       "<drizzle>\n"},
      {"echo >>legacy/0000_init.sql", "<legacy>\n"},
      {"echo >legacy/meta/0003_snapshot.json", "<legacy>\n"},
      {"echo >>'app db/drizzle/0000_init.sql'", "<app db/drizzle>\n"},
      {"echo >>'line\nbreak/meta/_journal.json'", "<line\nbreak>\n"},
      {"echo >>drizzle/0000_init.sql && echo >>legacy/0000_init.sql && echo >>scripts/seed.sql",
       "<drizzle><legacy>\n"},
      {"mkdir -p fresh/meta && echo '{}' >fresh/meta/_journal.json && echo >fresh/0000_a.sql && "
       "git add fresh/0000_a.sql && git reset -q fresh/meta",
       "<fresh>\n"},  // its journal only in the work tree: checked, and found missing
      {"git rm -q -r legacy", ""},
      {"mkdir drizzle/sub && echo >drizzle/sub/x.sql", ""},
      {"echo >>v1/20250101000000_init/migration.sql", "<v1>\n"},
      {"mkdir v1/20250102000000_next && echo >v1/20250102000000_next/migration.sql", "<v1>\n"},
      {"echo >v1/notes.md", "<v1>\n"},
      {"echo >>src/meta/info.json", ""},
      {"echo >>scripts/seed.sql", ""},
      {"echo >README.md", ""},
  };
  for (const auto& [change, checked] : staged_and_checked) {
    repo.must(change + " && git add -A -- . ':!fresh'");
    fs::remove(fake.string() + ".ran");
    RunResult hook = repo.sh("MIGLINT=" + sh_quote(fake.string()) + " sh " + sh_quote(hook_script().string()));
    std::string ran = fs::exists(fake.string() + ".ran") ? read_file(fake.string() + ".ran") : "";
    EXPECT_EQ(ran, checked) << change << "\n" << hook.out;
    EXPECT_EQ(hook.exit_code, checked.empty() ? 0 : 1) << change << "\n" << hook.out;
    if (change == "git rm -q -r legacy") {
      EXPECT_TRUE(contains(hook.out, "legacy is removed entirely by this commit; not checked")) << hook.out;
    }
    repo.must("git reset -q --hard && git clean -q -d -f");
  }
}

// A repository whose root is the migrations folder: any file staged at the top selects it.
TEST(GitHookScript, ChecksARootMigrationsFolder) {
  Repo repo;
  copy_pg_index_without_findings(repo.root());
  repo.must("git add -A && git commit -q -m base");
  const fs::path fake = recording_miglint(repo);
  for (const std::string change : {"echo >>0000_init.sql", "echo >README.md", "echo >>meta/_journal.json"}) {
    repo.must(change + " && git add -A");
    fs::remove(fake.string() + ".ran");
    RunResult hook = repo.sh("MIGLINT=" + sh_quote(fake.string()) + " sh " + sh_quote(hook_script().string()));
    EXPECT_EQ(fs::exists(fake.string() + ".ran") ? read_file(fake.string() + ".ran") : "", "<.>\n")
        << change << "\n" << hook.out;
    repo.must("git reset -q --hard");
  }
}

// The hook's question asked directly: lists one path a line are read too, folder names come back
// as shell words on one line (a quote in a name included), and an unreadable list is an error.
TEST(GitHookScript, HookFoldersAnswersInShellWords) {
  TempDir dir;
  copy_pg_index_without_findings(dir.path() / "it's here");
  copy_pg_index_without_findings(dir.path() / "db");
  write_file(dir.path() / "changed", "it's here/0003_new.sql\nREADME.md\ndb/0000_init.sql\n");
  write_file(dir.path() / "present", "it's here/meta/_journal.json\n");
  RunResult r = run_miglint({"hook-folders", "changed", "present"}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "'db' 'it'\\''s here'\n");
  write_file(dir.path() / "words", r.out);
  EXPECT_EQ(run_shell("eval \"set -- $(cat words)\"; printf '<%s>' \"$@\"", dir.path()).out, "<db><it's here>");

  RunResult missing = run_miglint({"hook-folders", "changed", "no-such-list"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "miglint: cannot read no-such-list\n");
  EXPECT_EQ(run_miglint({"hook-folders", "changed"}, dir.path()).exit_code, 2);
}

// --- pre-commit framework ----------------------------------------------------------------------

// The README's .pre-commit-config.yaml, pointed at a copy of this repository's hook files, with a
// real `pre-commit install` and real commits.
TEST(PreCommitFramework, BlocksOrphansAndDeletionsAndPassesCleanCommits) {
  std::string tools = hook_tools();
  ASSERT_FALSE(tools.empty());
  Repo hooks;
  hooks.copy(source_dir() / ".pre-commit-hooks.yaml", ".pre-commit-hooks.yaml");
  hooks.copy(hook_script(), "hooks/pre-commit");
  hooks.must("chmod +x hooks/pre-commit && git add -A && git commit -q -m hooks && git tag v0.1.0");

  Repo repo;
  std::string config = readme_snippet("pre-commit-config");
  config = replace_yaml_value(config, "repo", hooks.root().string());
  config = replace_yaml_value(config, "rev", "v0.1.0");
  repo.put(".pre-commit-config.yaml", config);
  add_base_folder(repo);
  repo.must("git add -A && git commit -q -m base");
  std::string pc = "PRE_COMMIT_HOME=" + sh_quote((repo.temp() / "pre-commit-home").string()) + " ";
  repo.must(pc + "pre-commit install");

  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  RunResult r = repo.sh("git add drizzle && " + pc + "git commit -m orphan");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "miglint (Drizzle Kit migrations)")) << r.out;
  EXPECT_TRUE(contains(r.out, "Failed")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]")) << r.out;

  // A commit that only deletes files, which pre-commit lists to no hook.
  repo.must(std::string("git rm -q -f drizzle/") + kOrphanSql);
  r = repo.sh("git rm -q drizzle/0001_add_phone_and_status_idx.sql && " + pc + "git commit -m 'Remove 0001'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 1);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:16:14: error[sql-file-missing] entry 1")) << r.out;

  repo.must("git reset -q --hard");
  add_coupons_migration(repo);
  r = repo.sh("git add drizzle && " + pc + "git commit -m 'Add coupons'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "Passed")) << r.out;
}

// --- husky + lint-staged -----------------------------------------------------------------------

// The README's recipe with the pinned husky and lint-staged: `husky init`, then the two files.
TEST(HuskyLintStaged, BlocksOrphansAndDeletionsAndPassesCleanCommits) {
  std::string tools = hook_tools();
  ASSERT_FALSE(tools.empty());
  Repo repo;
  repo.put("package.json", R"({
  "name": "app",
  "private": true,
  "devDependencies": {
    "husky": "9.1.7",
    "lint-staged": "17.0.8"
  }
}
)");
  repo.put(".gitignore", "node_modules\n");
  repo.must("ln -s " + sh_quote(tools + "/node_modules") + " node_modules && npx --no-install husky init");
  EXPECT_EQ(repo.sh("git config core.hooksPath").out, ".husky/_\n");
  repo.put(".husky/pre-commit", readme_snippet("husky-pre-commit"));
  repo.put("lint-staged.config.mjs", readme_snippet("lint-staged-config"));
  repo.put("src/index.ts", "export const answer = 42;\n");
  add_base_folder(repo);
  repo.must("git add -A && HUSKY=0 git commit -q -m base");

  // A stand-in miglint first on PATH records whether a TypeScript-only commit runs it.
  fs::path fakebin = repo.temp() / "fakebin";
  fs::create_directories(fakebin);
  write_file(fakebin / "miglint", "#!/bin/sh\necho ran >>\"$0.ran\"\nexit 1\n");
  fs::permissions(fakebin / "miglint", fs::perms::owner_all);
  repo.put("src/index.ts", "export const answer = 43;\n");
  RunResult r = repo.sh("git add src && PATH=" + sh_quote(fakebin.string()) + ":\"$PATH\" git commit -m 'TypeScript only'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_FALSE(fs::exists(fakebin / "miglint.ran"));

  repo.copy(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal") / kOrphanSql,
            std::string("drizzle/") + kOrphanSql);
  r = repo.sh("git add drizzle && git commit -m orphan");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "drizzle/0003_orders_customer_status_idx.sql:1:1: error[sql-file-orphan]")) << r.out;
  EXPECT_TRUE(contains(r.out, "husky - pre-commit script failed")) << r.out;

  repo.must(std::string("git rm -q -f drizzle/") + kOrphanSql);
  r = repo.sh("git rm -q drizzle/0001_add_phone_and_status_idx.sql drizzle/meta/0001_snapshot.json && "
              "git commit -m 'Remove 0001'");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(repo.commits(), 2);
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:16:14: error[sql-file-missing] entry 1")) << r.out;
  EXPECT_TRUE(contains(r.out, "drizzle/meta/_journal.json:16:14: error[snapshot-missing] entry 1")) << r.out;

  repo.must("git reset -q --hard");
  add_coupons_migration(repo);
  r = repo.sh("git add drizzle && git commit -m 'Add coupons'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(repo.commits(), 3);
}

// --- GitHub Actions ----------------------------------------------------------------------------

TEST(GithubActions, WorkflowIsTheReadmeOneAndItsMiglintStepsWork) {
  fs::path workflow = source_dir() / "hooks" / "github-actions-miglint.yml";
  EXPECT_EQ(readme_snippet("github-actions"), read_file(workflow));
  std::string tools = hook_tools();
  ASSERT_FALSE(tools.empty());
  RunResult parsed = run_shell("NODE_PATH=" + sh_quote(tools + "/node_modules") +
                               " node -e 'const fs = require(\"fs\"); const YAML = require(\"yaml\");"
                               " const doc = YAML.parseDocument(fs.readFileSync(process.argv[1], \"utf8\"));"
                               " if (doc.errors.length) { console.error(doc.errors.join(\"\\n\")); process.exit(1); }"
                               " process.stdout.write(JSON.stringify(doc.toJS()));' " +
                               sh_quote(workflow.string()));
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  nlohmann::json w = nlohmann::json::parse(parsed.out);
  ASSERT_TRUE(w.contains("on"));
  EXPECT_TRUE(w["on"].contains("push"));
  EXPECT_TRUE(w["on"].contains("pull_request"));
  EXPECT_EQ(w["permissions"]["security-events"], "write");
  ASSERT_EQ(w["jobs"].size(), 1u);
  const nlohmann::json& job = w["jobs"].begin().value();
  EXPECT_EQ(job["runs-on"], "ubuntu-latest");
  const nlohmann::json& steps = job["steps"];
  ASSERT_TRUE(steps.is_array());

  constexpr size_t kNone = SIZE_MAX;
  size_t checkout = kNone, build = kNone, sarif = kNone, upload = kNone, github = kNone;
  for (size_t i = 0; i < steps.size(); ++i) {
    const nlohmann::json& s = steps[i];
    std::string uses = s.value("uses", "");
    std::string run = s.value("run", "");
    if (uses.rfind("actions/checkout@", 0) == 0 && checkout == kNone) checkout = i;
    if (contains(run, "cmake --build")) build = i;
    if (contains(run, "miglint check --format sarif")) sarif = i;
    if (uses == "github/codeql-action/upload-sarif@v4") upload = i;
    if (contains(run, "miglint check --format github")) github = i;
  }
  ASSERT_TRUE(checkout == 0 && build != kNone && sarif != kNone && upload != kNone && github != kNone &&
              build > checkout && sarif > build && upload > sarif && github > upload)
      << checkout << " " << build << " " << sarif << " " << upload << " " << github;
  std::string sarif_run = steps[sarif]["run"];
  std::string github_run = steps[github]["run"];
  EXPECT_TRUE(contains(sarif_run, "--exit-zero"));
  EXPECT_EQ(steps[upload]["if"], "always()");
  EXPECT_EQ(steps[upload]["with"]["sarif_file"], "miglint.sarif");
  EXPECT_TRUE(contains(sarif_run, "--output miglint.sarif"));
  EXPECT_FALSE(steps[upload]["with"].value("category", "").empty());
  EXPECT_FALSE(contains(github_run, "--exit-zero"));
  std::string build_run = steps[build]["run"];
  EXPECT_TRUE(contains(build_run, "GITHUB_PATH"));

  // The two miglint steps, as written, on a checkout with an orphan SQL file.
  Repo repo;
  repo.copy_folder(rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal"), "drizzle");
  RunResult s = repo.sh(sarif_run);
  EXPECT_EQ(s.exit_code, 0) << s.out;
  nlohmann::json log = nlohmann::json::parse(repo.file("miglint.sarif"));
  ASSERT_EQ(log["runs"].size(), 1u);
  // The orphan, and the warning about 0001's index on orders (the case is a copy of pg-index).
  std::set<std::string> rule_ids;
  for (const auto& result : log["runs"][0]["results"]) rule_ids.insert(result.value("ruleId", ""));
  EXPECT_EQ(rule_ids, (std::set<std::string>{"sql-file-orphan", "create-index-on-existing-table"}));
  EXPECT_EQ(log["runs"][0]["results"].size(), 2u);
  RunResult g = repo.sh(github_run);
  EXPECT_EQ(g.exit_code, 1) << g.out;
  EXPECT_TRUE(contains(g.out, "::error file=drizzle/0003_orders_customer_status_idx.sql,line=1,")) << g.out;
}

}  // namespace
}  // namespace miglint::test
