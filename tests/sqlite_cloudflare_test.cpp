// The sqlite rebuild rules against drizzle-orm 0.45.4's real D1 and Durable Objects migrators, run
// on Cloudflare's workerd through Miniflare (tests/tools/cloudflare_rebuild_rows.cjs, pinned in
// tests/tools/cloudflare): fixtures/generated/sqlite-rebuild with rows in every table. Rows are
// lost exactly where `--driver d1` / `--driver durable-sqlite` findings say, including near misses
// (children without rows, the children copied aside, defer_foreign_keys), and the COMMIT
// workaround, which fails the batch there, is an error. One workerd process runs every case.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "support/run.h"
#include "support/sqlite_rebuild_rows.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kBreakpoint = "--> statement-breakpoint\n";
const char* kDrivers[] = {"d1", "durable-sqlite"};

// The folders the cases migrate, made once.
struct Folders {
  TempDir dir;
  fs::path through_0000, through_0001, whole;
  fs::path commit_workaround;  // 0000-0001, COMMIT; PRAGMA foreign_keys=OFF; BEGIN; around 0001
  fs::path copy_aside;         // 0000-0001, members copied aside before 0001's rebuild and put back
  fs::path defer_on_off;       // 0000-0002, defer_foreign_keys ON before and OFF after each rebuild
  fs::path defer_on_only;      // 0000-0002, defer_foreign_keys ON before 0002's rebuild

  Folders() {
    through_0000 = first_rebuild_migrations(1, dir.path() / "through-0000");
    through_0001 = first_rebuild_migrations(2, dir.path() / "through-0001");
    whole = sqlite_rebuild_folder();
    commit_workaround = first_rebuild_migrations(2, dir.path() / "commit-workaround");
    wrap_migration(commit_workaround, "0001",
                   "COMMIT;" + kBreakpoint + "PRAGMA foreign_keys=OFF;" + kBreakpoint + "BEGIN;" + kBreakpoint,
                   "COMMIT;" + kBreakpoint + "PRAGMA foreign_keys=ON;" + kBreakpoint + "BEGIN;");
    copy_aside = first_rebuild_migrations(2, dir.path() / "copy-aside");
    wrap_migration(copy_aside, "0001", "CREATE TABLE `members_keep` AS SELECT * FROM `members`;" + kBreakpoint,
                   "INSERT INTO `members` SELECT * FROM `members_keep`;" + kBreakpoint + "DROP TABLE `members_keep`;");
    defer_on_off = dir.path() / "defer-on-off";
    copy_tree(whole, defer_on_off);
    for (const std::string prefix : {"0001", "0002"}) {
      wrap_migration(defer_on_off, prefix, "PRAGMA defer_foreign_keys = on;" + kBreakpoint,
                     "PRAGMA defer_foreign_keys = off;");
    }
    defer_on_only = dir.path() / "defer-on-only";
    copy_tree(whole, defer_on_only);
    wrap_migration(defer_on_only, "0002", "PRAGMA defer_foreign_keys = on;" + kBreakpoint, "");
  }
};

const Folders& folders() {
  static const Folders f;
  return f;
}

struct Case {
  std::string name;
  fs::path first;
  std::string seed;
  fs::path second;
};

std::vector<Case> cases() {
  const Folders& f = folders();
  const std::string rows = sqlite_rebuild_rows();
  return {
      {"untouched", f.through_0000, rows, f.through_0000},
      {"rebuild-0001", f.through_0000, rows, f.through_0001},
      {"rebuild-0002", f.through_0001, rows, f.whole},
      {"rebuild-0002-no-child-rows", f.through_0001, sqlite_rebuild_rows("label_uses"), f.whole},
      {"commit-workaround", f.through_0000, rows, f.commit_workaround},
      {"copy-aside", f.through_0000, rows, f.copy_aside},
      {"defer-on-off", f.through_0000, rows, f.defer_on_off},
      {"defer-on-only", f.through_0001, rows, f.defer_on_only},
  };
}

// What each driver's migrator did, by driver and case name: one Miniflare run for all of them.
const std::map<std::string, json>& outcomes() {
  static const std::map<std::string, json> out = [] {
    std::map<std::string, json> results;
    const fs::path tools = source_dir() / "build" / "test-tools-cloudflare";
    RunResult install = run_shell("bash " + sh_quote((source_dir() / "tests/tools/npm_install.sh").string()) + " " +
                                  sh_quote((source_dir() / "tests/tools/cloudflare").string()) + " " +
                                  sh_quote(tools.string()) +
                                  " node_modules/miniflare/package.json node_modules/drizzle-orm/d1/migrator.cjs");
    EXPECT_EQ(install.exit_code, 0) << install.err;
    json list = json::array();
    std::vector<std::string> keys;
    for (const char* driver : kDrivers) {
      for (const Case& c : cases()) {
        // A Durable Object left with violations at its transaction's end is reset, and the
        // request fails, rows unread: that case is D1's alone.
        if (std::string(driver) == "durable-sqlite" && c.name == "defer-on-only") continue;
        list.push_back({{"driver", driver}, {"first", c.first.string()}, {"seed", c.seed}, {"second", c.second.string()}});
        keys.push_back(std::string(driver) + "/" + c.name);
      }
    }
    const fs::path input = folders().dir.path() / "cases.json";
    write_file(input, list.dump());
    RunResult r = run_shell("NODE_PATH=" + sh_quote((tools / "node_modules").string()) + " node " +
                            sh_quote((source_dir() / "tests/tools/cloudflare_rebuild_rows.cjs").string()) + " " +
                            sh_quote(input.string()));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const json all = r.exit_code == 0 ? json::parse(r.out) : json::array();
    for (std::size_t i = 0; i < keys.size() && i < all.size(); ++i) results[keys[i]] = all[i];
    return results;
  }();
  return out;
}

json outcome(const std::string& driver, const std::string& name) {
  const auto it = outcomes().find(driver + "/" + name);
  return it == outcomes().end() ? json::object() : it->second;
}

std::set<std::string> changed(const std::string& driver, const std::string& name) {
  return changed_tables(outcome(driver, "untouched")["rows"], outcome(driver, name)["rows"]);
}

// Both enforce foreign keys, PRAGMA foreign_keys=OFF in the batch does nothing: 0001's rebuild of
// teams deletes members' rows and nulls projects' team, migrate succeeds, and the findings name
// exactly those two tables; 0002's rebuild of labels fails on label_uses' row and rolls back.
void rows_are_lost_exactly_where_the_findings_say() {
  for (const std::string driver : kDrivers) {
    SCOPED_TRACE(driver);
    EXPECT_EQ(outcome(driver, "untouched")["foreign_keys"], 1);
    EXPECT_EQ(outcome(driver, "rebuild-0001")["second"], "applied");
    EXPECT_EQ(outcome(driver, "rebuild-0001")["rows"]["projects"], json::parse(R"([[1, null, "api"], [2, null, "misc"]])"));
    const RebuildFindings through_0001 = rebuild_findings(folders().through_0001, {"--driver", driver});
    EXPECT_EQ(through_0001.harmed, changed(driver, "rebuild-0001")) << joined(through_0001.messages);
    EXPECT_EQ(through_0001.harmed, (std::set<std::string>{"members", "projects"}));
    EXPECT_TRUE(through_0001.blocking.empty()) << joined(through_0001.messages);

    const std::string failed = outcome(driver, "rebuild-0002")["second"];
    // D1 passes SQLite's error on; drizzle's Durable Objects migrator rolls back and throws its own.
    EXPECT_EQ(failed, driver == "d1" ? "failed: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT" : "failed: Rollback");
    EXPECT_EQ(changed(driver, "rebuild-0002"), std::set<std::string>{});
    const RebuildFindings whole = rebuild_findings(folders().whole, {"--driver", driver});
    EXPECT_EQ(whole.blocking, std::set<std::string>{"label_uses"}) << joined(whole.messages);

    // Near miss: label_uses holds no row, and 0002 is applied without a change.
    EXPECT_EQ(outcome(driver, "rebuild-0002-no-child-rows")["second"], "applied");
    EXPECT_EQ(outcome(driver, "rebuild-0002-no-child-rows")["rows"]["labels"],
              outcome(driver, "untouched")["rows"]["labels"]);
    for (const std::string& help : through_0001.helps) {
      EXPECT_NE(help.find("copy the rows of `members`, `projects` aside"), std::string::npos) << help;
      EXPECT_EQ(help.find("turn them off on the connection"), std::string::npos) << help;
    }
  }
}

// The better-sqlite3 workaround is refused there: the COMMIT fails the batch, nothing changes, and
// sql-transaction-control reports it as an error (no rebuild finding: no row is lost).
void commit_workaround_fails_the_batch_and_is_an_error() {
  for (const std::string driver : kDrivers) {
    SCOPED_TRACE(driver);
    const std::string failed = outcome(driver, "commit-workaround")["second"];
    EXPECT_TRUE(failed.starts_with(driver == "d1" ? "failed: To execute a transaction, please use the "
                                                    "state.storage.transaction()"
                                                  : "failed: Rollback"))
        << failed;
    EXPECT_EQ(changed(driver, "commit-workaround"), std::set<std::string>{});
    RunResult r = run_miglint({"--format", "json", "--driver", driver, "--select", "sql-transaction-control",
                               folders().commit_workaround.string()});
    const json control = json::parse(r.out)["findings"];
    EXPECT_EQ(control.size(), 4u) << r.out;  // two COMMIT, two BEGIN
    for (const json& f : control) {
      EXPECT_EQ(f["severity"], "error");
      EXPECT_NE(f["message"].get<std::string>().find("refuses SQL transaction statements"), std::string::npos);
    }
    EXPECT_TRUE(rebuild_findings(folders().commit_workaround, {"--driver", driver}).messages.empty());
  }
}

// The fixes the help gives there. Members copied aside and put back survive (projects, not copied,
// still lose their team, and the finding names projects alone). defer_foreign_keys on, then off,
// lets 0002 through with label_uses' row kept, but 0001's cascade still deletes members: only the
// deletes-rows finding stays. On alone (D1), the batch fails at its end.
void copy_aside_keeps_rows_and_defer_only_unblocks_no_action() {
  for (const std::string driver : kDrivers) {
    SCOPED_TRACE(driver);
    EXPECT_EQ(outcome(driver, "copy-aside")["second"], "applied");
    EXPECT_EQ(changed(driver, "copy-aside"), std::set<std::string>{"projects"});
    EXPECT_EQ(rebuild_findings(folders().copy_aside, {"--driver", driver}).harmed, std::set<std::string>{"projects"});

    EXPECT_EQ(outcome(driver, "defer-on-off")["second"], "applied");
    EXPECT_EQ(changed(driver, "defer-on-off"), (std::set<std::string>{"members", "projects"}));
    const RebuildFindings deferred = rebuild_findings(folders().defer_on_off, {"--driver", driver});
    EXPECT_EQ(deferred.harmed, (std::set<std::string>{"members", "projects"})) << joined(deferred.messages);
    EXPECT_TRUE(deferred.blocking.empty()) << joined(deferred.messages);
  }
  const std::string failed = outcome("d1", "defer-on-only")["second"];
  EXPECT_NE(failed.find("FOREIGN KEY constraint failed"), std::string::npos) << failed;
  EXPECT_EQ(changed("d1", "defer-on-only"), std::set<std::string>{});
  EXPECT_EQ(rebuild_findings(folders().defer_on_only, {"--driver", "d1"}).blocking,
            std::set<std::string>{"label_uses"});
}

// One test, so that one workerd process (started once per test program) serves every case.
// Miniflare's HTTP client (undici) needs Node 20.18.1 or later; Debian 12's own nodejs is 18.
std::string node_too_old_for_miniflare() {
  RunResult v = run_shell("node -p 'process.versions.node'");
  int major = 0, minor = 0, patch = 0;
  if (v.exit_code != 0 || std::sscanf(v.out.c_str(), "%d.%d.%d", &major, &minor, &patch) != 3) return "no node";
  const bool old = major < 20 || (major == 20 && (minor < 18 || (minor == 18 && patch < 1)));
  return old ? "node " + v.out.substr(0, v.out.find_last_not_of('\n') + 1) : "";
}

TEST(SqliteRebuildCloudflare, RowsAreLostExactlyWhereReportedAndTheFixesKeepThem) {
  if (std::string old = node_too_old_for_miniflare(); !old.empty()) {
    GTEST_SKIP() << "Miniflare (workerd) needs Node 20.18.1 or later; this machine has " << old;
  }
  rows_are_lost_exactly_where_the_findings_say();
  commit_workaround_fails_the_batch_and_is_an_error();
  copy_aside_keeps_rows_and_defer_only_unblocks_no_action();
}

}  // namespace
}  // namespace miglint::test
