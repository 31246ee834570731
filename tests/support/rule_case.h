// The rule cases of fixtures/rules/<group>/<rule>/: SQL case files <case>.sql (support/case_file.h)
// and case folders <case>/ (case.md, expected.txt, what differs from a base folder, an optional
// database.sql). Each runs through the real binary on a materialised copy (support/materialize.h).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "support/materialize.h"
#include "support/run.h"

namespace miglint::test {

struct RuleCase {
  std::string group;
  std::string rule;
  std::string name;             // bad-... or good-..., without ".sql"
  std::filesystem::path path;   // the .sql file or the folder
};

// Readable names in test logs instead of the parameter's bytes.
void PrintTo(const RuleCase& c, std::ostream* os);

// Every case, sorted by path.
std::vector<RuleCase> rule_cases();
// The case of `rule` named `name`; fails the test (and returns an empty case) when there is none.
RuleCase rule_case(const std::string& rule, const std::string& name);
// The case at `path` (absolute, or relative to the source tree), as rule pages name theirs.
RuleCase rule_case_at(const std::filesystem::path& path);

// A case materialised once per test program, in a temporary tree that mirrors the source tree:
// <materialized_tree()>/fixtures/rules/<group>/<rule>/<name>/ holds its drizzle/, so paths miglint
// prints from materialized_tree() read as the case's path in the repository. Removed at exit.
Materialized materialized(const RuleCase& c);
const std::filesystem::path& materialized_tree();
// The drizzle/ folder of materialized(rule_case(rule, name)).
std::filesystem::path rule_case_folder(const std::string& rule, const std::string& name);

// Runs `miglint drizzle ARGS...` in a materialised copy of the case, with --database-url when the
// case has a migrations table.
RunResult run_rule_case(const RuleCase& c, const std::vector<std::string>& args);

// Compares `actual` with the case's expected output (expected.txt, or the end of the .sql file);
// with MIGLINT_UPDATE_GOLDEN=1 rewrites it instead. Empty when equal, else what differs.
std::string compare_case_golden(const RuleCase& c, const std::string& actual);

// Creates a SQLite database file from SQL statements.
void make_sqlite_database(const std::filesystem::path& file, const std::string& sql);

}  // namespace miglint::test
