#include <set>

#include "safety_support.h"

namespace miglint {

namespace {

// The column a CHECK (column IS NOT NULL) constraint proves non-null, or "".
std::string not_null_check_column(const nlohmann::json& constraint) {
  if (constraint.value("contype", std::string()) != "CONSTR_CHECK") return {};
  const auto& test = constraint.value("raw_expr", nlohmann::json::object()).value("NullTest", nlohmann::json::object());
  if (test.value("nulltesttype", std::string()) != "IS_NOT_NULL") return {};
  return safety::last_name(test.value("arg", nlohmann::json::object())
                               .value("ColumnRef", nlohmann::json::object())
                               .value("fields", nlohmann::json::array()));
}

}  // namespace

void check_set_not_null(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::map<std::string, std::string> unvalidated;  // "table\nconstraint" -> column of a NOT VALID check
  std::set<std::string> proven;                    // "table\ncolumn" with a valid IS NOT NULL check
  safety::for_each_command_in_order(
      run, {"AT_SetNotNull", "NullTest", "AT_ValidateConstraint"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        if (const nlohmann::json* c = safety::added_constraint(cmd)) {
          const std::string column = not_null_check_column(*c);
          if (column.empty()) return;
          if (c->value("skip_validation", false)) {
            unvalidated[table + "\n" + c->value("conname", std::string())] = column;
          } else {
            proven.insert(table + "\n" + column);
          }
        } else if (subtype == "AT_ValidateConstraint") {
          const auto check = unvalidated.find(table + "\n" + cmd.value("name", std::string()));
          if (check != unvalidated.end()) proven.insert(table + "\n" + check->second);
        } else if (subtype == "AT_SetNotNull") {
          const std::string column = cmd.value("name", std::string());
          // PostgreSQL 12+ skips the scan when a valid CHECK (column IS NOT NULL) exists.
          if (proven.count(table + "\n" + column) || run.table_is_new(sql, s)) return;
          out.report(safety::first_word(sql, s),
                     "SET NOT NULL on \"" + column + "\" of " + table +
                         " scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait, and drizzle "
                         "holds that lock until every pending migration has run",
                     sql.tag)
              .help =
              "Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT "
              "NULL (PostgreSQL 12+ skips the scan when such a check is valid) and drop the check.";
        }
      });
}

}  // namespace miglint
