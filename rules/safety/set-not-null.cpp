#include <map>
#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// The columns a CHECK constraint proves non-null: "col IS NOT NULL", alone or ANDed with more.
std::set<std::string> not_null_check_columns(const nlohmann::json& constraint) {
  std::set<std::string> columns;
  if (constraint.value("contype", std::string()) != "CONSTR_CHECK") return columns;
  std::vector<nlohmann::json> terms = {constraint.value("raw_expr", nlohmann::json::object())};
  while (!terms.empty()) {
    const nlohmann::json term = terms.back();
    terms.pop_back();
    const auto& all = term.value("BoolExpr", nlohmann::json::object());
    if (all.value("boolop", std::string()) == "AND_EXPR") {
      for (const auto& arg : all.value("args", nlohmann::json::array())) terms.push_back(arg);
      continue;
    }
    const auto& test = term.value("NullTest", nlohmann::json::object());
    if (test.value("nulltesttype", std::string()) != "IS_NOT_NULL") continue;
    columns.insert(safety::last_name(test.value("arg", nlohmann::json::object())
                                         .value("ColumnRef", nlohmann::json::object())
                                         .value("fields", nlohmann::json::array())));
  }
  return columns;
}

struct NotNullCheck {
  std::set<std::string> columns;
  bool valid = false;
};

}  // namespace

void check_set_not_null(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::map<std::string, NotNullCheck> checks;  // "table\nconstraint" -> what it proves, if valid
  auto proven = [&](const std::string& table, const std::string& column) {
    for (const auto& [key, check] : checks) {
      if (check.valid && key.starts_with(table + "\n") && check.columns.count(column)) return true;
    }
    return false;
  };
  safety::for_each_command_in_order(
      run, {"AT_SetNotNull", "NullTest", "AT_ValidateConstraint", "AT_DropConstraint"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        const std::string key = table + "\n" + cmd.value("name", std::string());
        if (const nlohmann::json* c = safety::added_constraint(cmd)) {
          std::set<std::string> columns = not_null_check_columns(*c);
          if (columns.empty()) return;
          // An unnamed one gets a name from PostgreSQL; a unique key here is enough.
          std::string name = c->value("conname", std::string());
          if (name.empty()) name = "\n" + std::to_string(checks.size());
          checks[table + "\n" + name] = {std::move(columns), !c->value("skip_validation", false)};
        } else if (subtype == "AT_ValidateConstraint") {
          if (const auto check = checks.find(key); check != checks.end()) check->second.valid = true;
        } else if (subtype == "AT_DropConstraint") {
          checks.erase(key);
        } else if (subtype == "AT_SetNotNull") {
          const std::string column = cmd.value("name", std::string());
          // PostgreSQL 12+ skips the scan when a valid CHECK proves the column holds no NULL.
          if (proven(table, column) || run.table_is_new(sql, s)) return;
          out.report(safety::first_word(sql, s),
                     fmt::format("SET NOT NULL on \"{}\" of {} scans the whole table under an ACCESS EXCLUSIVE "
                                 "lock: reads and writes wait, and drizzle holds that lock until every pending "
                                 "migration has run",
                                 column, table),
                     sql.tag)
              .help =
              "Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT "
              "NULL (PostgreSQL 12+ skips the scan when such a check is valid) and drop the check.";
        }
      });
}

}  // namespace miglint
