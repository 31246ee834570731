#include "support/run.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace miglint::test {

namespace fs = std::filesystem;

namespace {

// Runs argv in cwd with env, collecting stdout and stderr through temp files (no pipe deadlocks).
RunResult spawn(const std::vector<std::string>& argv, const fs::path& cwd, const std::vector<std::string>& env) {
  TempDir io;
  fs::path out_path = io.path() / "out";
  fs::path err_path = io.path() / "err";
  std::string script = "cd \"$0\" && exec \"$@\" >\"$MIGLINT_TEST_OUT\" 2>\"$MIGLINT_TEST_ERR\" </dev/null";
  std::vector<std::string> full = {"/bin/sh", "-c", script, cwd.empty() ? source_dir().string() : cwd.string()};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<std::string> environment = env;
  environment.push_back("MIGLINT_TEST_OUT=" + out_path.string());
  environment.push_back("MIGLINT_TEST_ERR=" + err_path.string());
  std::vector<char*> c_argv;
  for (auto& a : full) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::vector<char*> c_env;
  for (auto& e : environment) c_env.push_back(e.data());
  c_env.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, c_argv.data(), c_env.data()) != 0) {
    throw std::runtime_error("cannot start /bin/sh");
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

std::vector<std::string> base_environment() {
  std::vector<std::string> env = {"NO_COLOR=1", "LC_ALL=C.UTF-8", "TZ=UTC"};
  for (const char* keep : {"PATH", "HOME", "ASAN_OPTIONS", "UBSAN_OPTIONS", "TMPDIR"}) {
    if (const char* v = std::getenv(keep)) env.push_back(std::string(keep) + "=" + v);
  }
  return env;
}

}  // namespace

RunResult run_miglint(const std::vector<std::string>& args, const fs::path& cwd, const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv = {MIGLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = base_environment();
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  return spawn(argv, cwd, env);
}

RunResult run_shell(const std::string& command, const fs::path& cwd) {
  return spawn({"/bin/sh", "-c", command}, cwd, base_environment());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string compare_golden(const fs::path& golden, const std::string& actual) {
  const char* update = std::getenv("MIGLINT_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden, actual);
    return {};
  }
  if (!fs::exists(golden)) return "golden file " + golden.string() + " is missing (run with MIGLINT_UPDATE_GOLDEN=1)";
  return describe_difference(golden.string(), read_file(golden), actual);
}

std::string describe_difference(const std::string& label, const std::string& expected, const std::string& actual) {
  if (expected == actual) return {};
  std::istringstream a(expected), b(actual);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) break;
    if (!more_a || !more_b || la != lb) {
      return label + " differs at line " + std::to_string(line) + ":\n  expected: " + (more_a ? la : "<end>") +
             "\n  actual:   " + (more_b ? lb : "<end>");
    }
  }
  return label + " differs";
}

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path p = fs::temp_directory_path() / ("miglint-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) {
      path_ = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may leave unreadable files and directories behind; make them removable first.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

void copy_pg_index_without_findings(const fs::path& to) {
  copy_tree(fixtures_dir() / "generated" / "pg-index" / "drizzle", to);
  const fs::path sql = to / "0001_add_phone_and_status_idx.sql";
  std::string text = read_file(sql);
  text.erase(text.find("--> statement-breakpoint\nCREATE INDEX \"orders_status_idx\""));
  write_file(sql, text);
  // The snapshots drop the index too, or the SQL would no longer give them (schema-sql-snapshot-mismatch).
  for (const char* name : {"0001_snapshot.json", "0002_snapshot.json"}) {
    const fs::path snapshot = to / "meta" / name;
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(read_file(snapshot));
    json["tables"]["public.orders"]["indexes"].erase("orders_status_idx");
    write_file(snapshot, json.dump(2));
  }
}

namespace {

bool db_tests_skipped() {
  const char* skip = std::getenv("MIGLINT_SKIP_DB_TESTS");
  return skip != nullptr && std::string(skip) == "1";
}

// Fails the current test, or skips it under MIGLINT_SKIP_DB_TESTS=1 (void: GTEST_SKIP returns).
void fail_or_skip(const std::string& why) {
  if (db_tests_skipped()) GTEST_SKIP() << "MIGLINT_SKIP_DB_TESTS=1: database test skipped (" << why << ")";
  ADD_FAILURE() << why << "\n(database tests need the PostgreSQL server that ctest starts as the fixture "
                   "`postgres`, tests/tools/pg_server.sh; set MIGLINT_SKIP_DB_TESTS=1 to skip them on purpose)";
}

}  // namespace

std::string test_database_url() {
  if (db_tests_skipped()) {
    fail_or_skip("no database wanted");
    return {};
  }
  const char* file = std::getenv("MIGLINT_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    fail_or_skip("MIGLINT_TEST_PG_URL_FILE is not set (run the tests through ctest)");
    return {};
  }
  std::string url = read_file(file);
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r' || url.back() == ' ')) url.pop_back();
  if (url.empty()) {
    fail_or_skip(std::string("the test database URL file ") + file + " is missing or empty (did postgres_start fail?)");
    return {};
  }
  return url;
}

std::string create_test_database(const std::string& name) {
  bool name_ok = !name.empty() && name.size() <= 63;
  for (char c : name) name_ok = name_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!name_ok) {
    ADD_FAILURE() << "create_test_database: bad database name \"" << name << "\" (want [a-z0-9_], 1-63 chars)";
    return {};
  }
  std::string admin = test_database_url();
  if (admin.empty()) return {};
  // The admin URL ends in /postgres, maybe followed by ?options: swap the database name.
  std::string::size_type scheme = admin.find("://");
  std::string::size_type slash = admin.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) {
    ADD_FAILURE() << "create_test_database: the test database URL has no database part";
    return {};
  }
  std::string::size_type query = admin.find('?', slash);
  std::string url = admin.substr(0, slash + 1) + name + (query == std::string::npos ? "" : admin.substr(query));
  // Separate -c: DROP/CREATE DATABASE cannot run inside one transaction block.
  RunResult r = run_shell("PGCONNECT_TIMEOUT=10 psql " + sh_quote(admin) +
                          " -X -q -v ON_ERROR_STOP=1 -c " + sh_quote("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)") +
                          " -c " + sh_quote("CREATE DATABASE \"" + name + "\""));
  if (r.exit_code != 0) {
    ADD_FAILURE() << "create_test_database(" << name << "): psql exited with " << r.exit_code << "\n" << r.out << r.err;
    return {};
  }
  return url;
}

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string drizzle_command() {
  fs::path tools = fs::path(MIGLINT_BINARY).parent_path() / "test-tools";
  if (const char* dir = std::getenv("MIGLINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') tools = dir;
  return "MIGLINT_TOOLS_DIR=" + sh_quote(tools.string()) + " bash " +
         sh_quote((source_dir() / "tests" / "tools" / "drizzle.sh").string());
}

fs::path fixtures_dir() { return MIGLINT_FIXTURES_DIR; }
fs::path corpus_dir() { return fs::path(MIGLINT_CORPUS_DIR).lexically_normal(); }
fs::path source_dir() { return MIGLINT_SOURCE_DIR; }

}  // namespace miglint::test
