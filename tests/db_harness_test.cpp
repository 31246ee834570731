// Proves the database test harness works end to end: the throwaway PostgreSQL server that ctest
// starts (fixture "postgres", tests/tools/pg_server.sh) answers, and tests/tools/drizzle.sh runs
// drizzle-orm's real migrate() against a fresh database of it and reads the migrations table back.
// Without the server these tests FAIL; MIGLINT_SKIP_DB_TESTS=1 skips them on purpose.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(DbHarness, ServerAnswers) {
  std::string url = test_database_url();
  if (url.empty()) return;  // failed or skipped already
  RunResult r = run_shell("PGCONNECT_TIMEOUT=10 psql " + sh_quote(url) + " -X -At -c 'select 1'");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "1\n");
}

TEST(DbHarness, DrizzleMigrateAppliesPgIndexFolder) {
  std::string url = create_test_database("db_harness_pg_index");
  if (url.empty()) return;
  fs::path folder = fixtures_dir() / "generated" / "pg-index" / "drizzle";

  RunResult migrate = run_shell(drizzle_command() + " migrate " + sh_quote(folder.string()) + " " + sh_quote(url));
  ASSERT_EQ(migrate.exit_code, 0) << "drizzle.sh migrate failed\n" << migrate.out << migrate.err;

  RunResult rows = run_shell(drizzle_command() + " rows " + sh_quote(url));
  ASSERT_EQ(rows.exit_code, 0) << rows.out << rows.err;
  std::vector<std::string> got = lines(rows.out);
  ASSERT_EQ(got.size(), 3u) << rows.out;

  // Each row is sha256(file)<TAB>journal `when`, in journal order (checked against sha256sum).
  const std::vector<std::string> files = {"0000_init.sql", "0001_add_phone_and_status_idx.sql", "0002_seed_data.sql"};
  std::string journal = read_file(folder / "meta" / "_journal.json");
  for (size_t i = 0; i < files.size(); ++i) {
    RunResult sum = run_shell("sha256sum " + sh_quote((folder / files[i]).string()));
    ASSERT_EQ(sum.exit_code, 0) << sum.err;
    std::string hash = sum.out.substr(0, 64);
    ASSERT_EQ(got[i].size(), 64 + 1 + 13u) << got[i];
    EXPECT_EQ(got[i].substr(0, 64), hash) << files[i];
    EXPECT_EQ(got[i][64], '\t');
    std::string when = got[i].substr(65);
    EXPECT_NE(journal.find("\"when\": " + when), std::string::npos) << "created_at " << when << " is no journal `when`";
  }

  // Migrating again applies nothing (every `when` is at or below the newest created_at).
  RunResult again = run_shell(drizzle_command() + " migrate " + sh_quote(folder.string()) + " " + sh_quote(url));
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  RunResult rows_again = run_shell(drizzle_command() + " rows " + sh_quote(url));
  EXPECT_EQ(rows_again.out, rows.out);
}

}  // namespace
}  // namespace miglint::test
