// Test support: runs the real miglint binary and captures what a user sees.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace miglint::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs MIGLINT_BINARY with args in cwd (default: the source tree), with NO_COLOR set and a fixed
// environment so output is stable. Extra environment entries are "NAME=value".
RunResult run_miglint(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                      const std::vector<std::string>& extra_env = {});

// Runs any command through /bin/sh -c and captures its output and exit code.
RunResult run_shell(const std::string& command, const std::filesystem::path& cwd = {});

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// Compares actual with the golden file; with MIGLINT_UPDATE_GOLDEN=1 rewrites it instead.
// Returns an empty string when equal, else a readable diff summary.
std::string compare_golden(const std::filesystem::path& golden, const std::string& actual);
// Empty when expected == actual, else where `label`'s text first differs.
std::string describe_difference(const std::string& label, const std::string& expected, const std::string& actual);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Copies a folder tree (used to make a mutated copy of a fixture).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

// Copies fixtures/generated/pg-index/drizzle without its one finding: 0001's CREATE INDEX on orders,
// a table 0000 created (create-index-on-existing-table). For tests that need a folder miglint
// finds nothing in: the hook's and the editor's.
void copy_pg_index_without_findings(const std::filesystem::path& to);

// --- Database tests ------------------------------------------------------------------------
// ctest starts a throwaway PostgreSQL server (tests/tools/pg_server.sh, the CTest fixture
// "postgres" of tests/CMakeLists.txt) before any test and writes its superuser URL to the file
// named by $MIGLINT_TEST_PG_URL_FILE.
//
// test_database_url() returns that URL (of the `postgres` database). When the file is missing or
// empty it FAILS the calling test (a database test must not pass by skipping) and returns "",
// unless MIGLINT_SKIP_DB_TESTS=1 is set (ctest then starts no server either): then it marks the
// test skipped (GTEST_SKIP) and returns "". GTEST_SKIP and ASSERT_* cannot leave the caller from
// here, so on "" the caller must return at once:
//   std::string url = test_database_url();
//   if (url.empty()) return;  // failed or skipped already
std::string test_database_url();

// Creates a fresh empty database NAME on the test server (dropped first if it exists, with psql
// from postgresql-client) and returns its URL; "" (after failing or skipping the test as above)
// when that is impossible. NAME must be [a-z0-9_], at most 63 characters. Give each test its own
// NAME: tests run in parallel (ctest -j), each in its own process.
std::string create_test_database(const std::string& name);

// Quotes s for /bin/sh as one word ('...').
std::string sh_quote(const std::string& s);

// A shell command prefix that runs tests/tools/drizzle.sh (the real drizzle-orm migrator) with the
// npm tools cached in <build dir>/test-tools (or $MIGLINT_TOOLS_DIR), the cache validate_sarif.sh
// uses too. Append the arguments, quoted: drizzle_command() + " migrate " + sh_quote(folder) + ...
std::string drizzle_command();

std::filesystem::path fixtures_dir();
std::filesystem::path corpus_dir();
std::filesystem::path source_dir();

}  // namespace miglint::test
