#include "safety_support.h"

namespace miglint {

namespace {
bool has_constraint(const nlohmann::json& column, const char* type) {
  if (!column.contains("constraints")) return false;
  for (const auto& c : column["constraints"]) {
    if (c.contains("Constraint") && c["Constraint"].value("contype", std::string()) == type) return true;
  }
  return false;
}
}  // namespace

void check_add_column_not_null_without_default(const Context& ctx, Reporter& out) {
  safety::for_each_command_on_existing_table(
      safety::Run(ctx), {"CONSTR_NOTNULL", "CONSTR_PRIMARY"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        if (subtype != "AT_AddColumn" || !cmd.contains("def") || !cmd["def"].contains("ColumnDef")) return;
        const auto& column = cmd["def"]["ColumnDef"];
        // A primary key makes the column NOT NULL too.
        const bool not_null = has_constraint(column, "CONSTR_NOTNULL") || has_constraint(column, "CONSTR_PRIMARY");
        if (!not_null || has_constraint(column, "CONSTR_DEFAULT")) return;
        // These fill every row themselves (add-column-volatile-default reports the rewrite that costs).
        if (has_constraint(column, "CONSTR_IDENTITY") || has_constraint(column, "CONSTR_GENERATED")) return;
        const std::string type = safety::last_name(
            column.value("typeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
        if (type.find("serial") != std::string::npos) return;
        out.report(sql.file.location(s.begin, s.begin + 5),
                   "column \"" + column.value("colname", std::string()) + "\" is added to " + table +
                       " as NOT NULL without a default: the migration fails as soon as the table has a row",
                   sql.tag)
            .help =
            "Give it a default (a constant default costs nothing on PostgreSQL 11+), or add it nullable, fill "
            "it, and set NOT NULL in a later migration.";
      });
}

}  // namespace miglint
