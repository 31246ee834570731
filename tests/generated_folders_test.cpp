// Folders made by the real drizzle-kit, one per dialect and tag prefix mode, are clean:
// no finding but one safety warning on PostgreSQL (the second migration indexes a table the
// first created: create-index-on-existing-table). The one exception is prefix mode "none", whose
// layout is itself the hazard (every snapshot overwrites meta/_snapshot.json, which generate
// never reads).
#include <gtest/gtest.h>

#include <algorithm>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

TEST(GeneratedFolders, EveryDialectAndPrefixModeIsClean) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(fixtures_dir() / "generated")) {
    std::string name = entry.path().filename().string();
    if (name == "pg-none") continue;
    // The *-everything folders alter every object kind on purpose (schema_snapshot_test reads them).
    if (name.ends_with("-everything")) continue;
    // sqlite-rebuild rebuilds referenced tables on purpose (sqlite_rebuild_test reports and migrates it).
    if (name == "sqlite-rebuild") continue;
    RunResult r = run_miglint({"drizzle", "--fail-on", "info", "--ignore", "create-index-on-existing-table"}, entry.path());
    EXPECT_EQ(r.exit_code, 0) << name << ":\n" << r.out << r.err;
    EXPECT_NE(r.out.find("No problems found in 1 folder."), std::string::npos) << name << ":\n" << r.out;
    RunResult index = run_miglint({"drizzle", "--select", "create-index-on-existing-table", "--format", "gcc"}, entry.path());
    const bool postgres = name.rfind("pg-", 0) == 0;
    EXPECT_EQ(std::count(index.out.begin(), index.out.end(), '\n'), postgres ? 1 : 0) << name << ":\n" << index.out;
    if (postgres) {
      EXPECT_NE(index.out.find("_add_phone_and_status_idx.sql:3:1: warning"), std::string::npos) << index.out;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

TEST(GeneratedFolders, PrefixModeNoneIsReportedForWhatItBreaks) {
  RunResult r = run_miglint({"drizzle", "--format", "gcc"}, fixtures_dir() / "generated/pg-none");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[chain-latest-mismatch]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("which generate ignores because its name starts with '_'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[journal-tag-duplicate]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace miglint::test
