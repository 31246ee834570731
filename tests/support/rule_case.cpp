#include "support/rule_case.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "support/case_file.h"

namespace miglint::test {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool update_requested() {
  const char* update = std::getenv("MIGLINT_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

}  // namespace

void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.rule << "/" << c.name; }

std::vector<RuleCase> rule_cases() {
  std::vector<RuleCase> cases;
  for (const fs::path& group : entries(fixtures_dir() / "rules")) {
    if (!fs::is_directory(group)) continue;
    for (const fs::path& rule : entries(group)) {
      if (!fs::is_directory(rule)) continue;
      for (const fs::path& c : entries(rule)) {
        const bool sql = c.extension() == ".sql";
        if (!sql && !fs::is_directory(c)) continue;
        cases.push_back({group.filename().string(), rule.filename().string(),
                         (sql ? c.stem() : c.filename()).string(), c});
      }
    }
  }
  return cases;
}

RuleCase rule_case(const std::string& rule, const std::string& name) {
  for (const RuleCase& c : rule_cases()) {
    if (c.rule == rule && c.name == name) return c;
  }
  ADD_FAILURE() << "no rule case " << rule << "/" << name << " under " << (fixtures_dir() / "rules");
  return {};
}

RuleCase rule_case_at(const fs::path& path) {
  const fs::path full = fs::weakly_canonical(path.is_absolute() ? path : source_dir() / path);
  for (const RuleCase& c : rule_cases()) {
    if (fs::weakly_canonical(c.path) == full) return c;
  }
  ADD_FAILURE() << path << " is not a rule case";
  return {};
}

namespace {

struct Tree {
  TempDir dir;
  std::map<fs::path, Materialized> made;
};

Tree& tree() {
  static Tree t;
  return t;
}

}  // namespace

Materialized materialized(const RuleCase& c) {
  Tree& t = tree();
  auto found = t.made.find(c.path);
  if (found != t.made.end()) return found->second;
  Materialized m = materialize_case(c.path, t.dir.path() / "fixtures/rules" / c.group / c.rule / c.name);
  t.made[c.path] = m;
  return m;
}

const fs::path& materialized_tree() { return tree().dir.path(); }

fs::path rule_case_folder(const std::string& rule, const std::string& name) {
  return materialized(rule_case(rule, name)).root / "drizzle";
}

RunResult run_rule_case(const RuleCase& c, const std::vector<std::string>& args) {
  TempDir dir;
  const Materialized copy = materialize_case(c.path, dir.path() / "case");
  std::vector<std::string> full = {"drizzle"};
  full.insert(full.end(), args.begin(), args.end());
  if (!copy.database_url.empty()) {
    full.push_back("--database-url");
    full.push_back(copy.database_url);
  }
  if (!copy.since.empty()) {
    full.push_back("--since");
    full.push_back(copy.since);
  }
  return run_miglint(full, copy.root);
}

std::string compare_case_golden(const RuleCase& c, const std::string& actual) {
  if (c.path.extension() != ".sql") return compare_golden(c.path / "expected.txt", actual);
  const std::string text = read_file(c.path);
  const CaseFile file = parse_case_file(text, c.path.string());
  const std::string command = "miglint drizzle --select " + c.rule;
  if (update_requested()) {
    CaseFile updated = file;
    updated.command = command;
    write_file(c.path, with_expected_output(text, updated, actual));
    return {};
  }
  if (file.command != command) return c.path.string() + ": the expected output must be that of `" + command + "`";
  return describe_difference(c.path.string(), file.expected, actual);
}

void make_sqlite_database(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create " + file.string());
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("bad SQL for " + file.string() + ": " + message);
}

}  // namespace miglint::test
