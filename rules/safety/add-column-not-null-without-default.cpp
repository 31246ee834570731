#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

const nlohmann::json* constraint_of(const nlohmann::json& column, const char* type) {
  if (!column.contains("constraints")) return nullptr;
  for (const auto& c : column["constraints"]) {  // by reference: the result points into it
    if (c.contains("Constraint") && c["Constraint"].value("contype", std::string()) == type) return &c["Constraint"];
  }
  return nullptr;
}

// DEFAULT NULL (or NULL::text) is no default: the rows still get NULL.
bool is_null_constant(const nlohmann::json& expr) {
  if (expr.contains("TypeCast")) return is_null_constant(expr["TypeCast"].value("arg", nlohmann::json::object()));
  return expr.contains("A_Const") && expr["A_Const"].value("isnull", false);
}

}  // namespace

void check_add_column_not_null_without_default(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  // Not only tables of other runs: a table this migration created and then filled has rows too.
  safety::for_each_command_in_order(
      run, {"CONSTR_NOTNULL", "CONSTR_PRIMARY"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        if (subtype != "AT_AddColumn" || !cmd.contains("def") || !cmd["def"].contains("ColumnDef")) return;
        if (run.table_is_empty(sql, s) || safety::adds_nothing(run, sql, s, table, cmd)) return;
        const auto& column = cmd["def"]["ColumnDef"];
        // A primary key makes the column NOT NULL too.
        if (!constraint_of(column, "CONSTR_NOTNULL") && !constraint_of(column, "CONSTR_PRIMARY")) return;
        const nlohmann::json* fallback = constraint_of(column, "CONSTR_DEFAULT");
        if (fallback && !is_null_constant(fallback->value("raw_expr", nlohmann::json::object()))) return;
        // These fill every row themselves (add-column-volatile-default reports the rewrite that costs).
        if (constraint_of(column, "CONSTR_IDENTITY") || constraint_of(column, "CONSTR_GENERATED")) return;
        const std::string type = safety::last_name(
            column.value("typeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
        if (type.find("serial") != std::string::npos) return;
        out.report(safety::first_word(sql, s),
                   fmt::format("column \"{}\" is added to {} as NOT NULL without a default: the migration fails as "
                               "soon as the table has a row",
                               column.value("colname", std::string()), table),
                   sql.tag)
            .help =
            "Give it a default (a constant default costs nothing on PostgreSQL 11+), or add it nullable, fill "
            "it, and set NOT NULL in a later migration.";
      });
}

}  // namespace miglint
