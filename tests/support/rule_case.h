// Runs miglint on a rule case folder the way the case asks: `drizzle/` is the folder, and
// an optional `database.sql` describes the migrations table (as drizzle's SQLite migrator
// leaves it), loaded into a fresh SQLite file and passed with --database-url.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "support/run.h"

namespace miglint::test {

RunResult run_rule_case(const std::filesystem::path& case_dir, const std::vector<std::string>& args);

// Creates a SQLite database file from SQL statements.
void make_sqlite_database(const std::filesystem::path& file, const std::string& sql);

}  // namespace miglint::test
