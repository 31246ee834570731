#include "support/rule_case.h"

#include <sqlite3.h>

#include <stdexcept>

namespace miglint::test {

void make_sqlite_database(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create " + file.string());
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("bad SQL for " + file.string() + ": " + message);
}

RunResult run_rule_case(const std::filesystem::path& case_dir, const std::vector<std::string>& args) {
  std::vector<std::string> full = {"drizzle"};
  full.insert(full.end(), args.begin(), args.end());
  if (!std::filesystem::exists(case_dir / "database.sql")) return run_miglint(full, case_dir);
  TempDir dir;
  auto file = dir.path() / "state.db";
  make_sqlite_database(file, read_file(case_dir / "database.sql"));
  full.push_back("--database-url");
  full.push_back("sqlite:" + file.string());
  return run_miglint(full, case_dir);
}

}  // namespace miglint::test
