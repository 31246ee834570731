// The real-world folders of ../shared/corpus: no crash, exit 0 or 1, every known
// irregularity reported under the right rule for the right file, and no error on the
// folders that have no structural defect.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Expected {
  std::string rule;
  std::string file_suffix;  // the finding's file must end with this
  std::string migration;    // when set, the finding must name this migration
};

json lint(const std::string& folder) {
  RunResult r = run_miglint({folder, "--format", "json"}, corpus_dir());
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << folder << " exited " << r.exit_code << ": " << r.err;
  return json::parse(r.out);
}

bool has(const json& report, const Expected& e) {
  for (const auto& f : report["findings"]) {
    std::string file = f["file"];
    if (f["rule"] == e.rule && file.ends_with(e.file_suffix) &&
        (e.migration.empty() || (f["migration"].is_string() && f["migration"] == e.migration))) {
      return true;
    }
  }
  return false;
}

TEST(Corpus, EveryFolderIsCheckedWithoutCrashing) {
  ASSERT_TRUE(fs::exists(corpus_dir())) << corpus_dir();
  int folders = 0;
  for (const auto& project : fs::directory_iterator(corpus_dir())) {
    if (!project.is_directory()) continue;
    for (const auto& folder : fs::directory_iterator(project.path())) {
      if (!folder.is_directory()) continue;
      ++folders;
      json report = lint(fs::relative(folder.path(), corpus_dir()).string());
      EXPECT_EQ(report["errors"].size(), 0u) << folder.path();
    }
  }
  EXPECT_EQ(folders, 9);
}

TEST(Corpus, KnownIrregularitiesAreReported) {
  const std::vector<std::pair<std::string, std::vector<Expected>>> expectations = {
      {"Dokploy__dokploy/apps__dokploy__drizzle",
       {{"sql-file-orphan", "/0130_abandoned_dagger.sql", ""},
        {"chain-broken", "/meta/0066_snapshot.json", ""},
        {"sql-missing-breakpoint", "/0093_nice_gorilla_man.sql", ""},
        {"sql-missing-breakpoint", "/0102_opposite_grandmaster.sql", ""}}},
      {"onlook-dev__onlook/apps__backend__supabase__migrations",
       {{"sql-missing-breakpoint", "/0006_rls.sql", ""},
        {"sql-missing-breakpoint", "/0007_realtime_rls.sql", ""},
        {"sql-missing-breakpoint", "/0008_preview-img-storage.sql", ""}}},
      {"lmnr-ai__lmnr/frontend__lib__db__migrations",
       {{"sql-file-orphan", "/0037_cute_medusa.sql", ""},
        {"chain-broken", "/meta/0008_snapshot.json", ""},
        {"chain-broken", "/meta/0029_snapshot.json", ""},
        {"chain-broken", "/meta/0068_snapshot.json", ""},
        {"chain-broken", "/meta/0076_snapshot.json", ""},
        {"sql-missing-breakpoint", "/0033_dizzy_longshot.sql", ""},
        {"sql-missing-breakpoint", "/0057_empty_callisto.sql", ""}}},
      {"Mail-0__Zero/packages__db__migrations", {{"sql-file-orphan", "/0025_far_echo.sql", ""}}},
      {"sst__console/packages__core__migrations", {{"sql-file-orphan", "/0005_mute_loners.sql", ""}}},
      {"dyad-sh__dyad/drizzle",
       {{"snapshot-missing", "/meta/_journal.json", "0023_pale_red_hulk"},
        {"snapshot-count-mismatch", "/meta/_journal.json", ""},
        {"chain-broken", "/meta/0024_snapshot.json", ""}}},
  };
  for (const auto& [folder, expected] : expectations) {
    json report = lint(folder);
    for (const Expected& e : expected) {
      EXPECT_TRUE(has(report, e)) << folder << ": expected " << e.rule << " on *" << e.file_suffix << "\n"
                                  << report["findings"].dump(2);
    }
  }
}

TEST(Corpus, LegalLegacyShapesAreNotReported) {
  // Dokploy: journal dialect "pg" with postgresql snapshots is legacy but legal, and
  // meta/_journal.json.backup starts with '_', so drizzle-kit skips it.
  json report = lint("Dokploy__dokploy/apps__dokploy__drizzle");
  for (const auto& f : report["findings"]) {
    EXPECT_NE(f["rule"], "journal-dialect") << f.dump();
    EXPECT_NE(f["rule"], "meta-stray-file") << f.dump();
  }
}

// The folder rules of SPEC 4.1: everything but the SQL analysis of a statement's content.
std::string structural_rules() {
  std::istringstream lines(run_miglint({"rules"}).out);
  std::string line, list;
  while (std::getline(lines, line)) {
    std::string rule = line.substr(0, line.find(' '));
    if (rule.starts_with("db-") || (rule.starts_with("sql-") && !rule.starts_with("sql-file-"))) continue;
    list += (list.empty() ? "" : ",") + rule;
  }
  return list;
}

TEST(Corpus, NoStructuralErrorOnFoldersWithoutStructuralDefects) {
  for (const char* folder : {"useautumn__autumn/shared__drizzle", "karakeep-app__karakeep/packages__db__drizzle",
                             "openstatusHQ__openstatus/packages__db__drizzle"}) {
    RunResult r = run_miglint({folder, "--format", "json", "--select", structural_rules()}, corpus_dir());
    EXPECT_EQ(r.exit_code, 0) << folder;
    json report = json::parse(r.out);
    EXPECT_EQ(report["summary"]["error"], 0) << folder << "\n" << report["findings"].dump(2);
  }
}

// All of this SQL ran in production on PostgreSQL: a syntax error would be miglint's defect.
TEST(Corpus, PostgresSqlThatRanInProductionParses) {
  for (const char* folder : {"Dokploy__dokploy/apps__dokploy__drizzle", "lmnr-ai__lmnr/frontend__lib__db__migrations",
                             "useautumn__autumn/shared__drizzle", "Mail-0__Zero/packages__db__migrations",
                             "onlook-dev__onlook/apps__backend__supabase__migrations"}) {
    RunResult r = run_miglint({folder, "--format", "gcc", "--select", "sql-syntax-error"}, corpus_dir());
    EXPECT_EQ(r.exit_code, 0) << folder;
    EXPECT_EQ(r.out, "") << folder;
  }
}

// SQLite and MySQL folders: trigger bodies and their ';' are one statement, so nothing is
// reported by the chunk rules where drizzle-kit generated the SQL.
TEST(Corpus, TriggerBodiesAreOneStatement) {
  RunResult r = run_miglint({"dyad-sh__dyad/drizzle", "--format", "gcc", "--select",
                             "sql-missing-breakpoint,sql-transaction-control,sql-empty-statement"},
                            corpus_dir());
  EXPECT_EQ(r.out, "") << r.out;
}

}  // namespace
}  // namespace miglint::test
