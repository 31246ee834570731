#include <map>

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

// Tables emptied earlier in the same transaction by TRUNCATE or an unconditional DELETE, with no
// row put back since: a NOT NULL column added to one has no row to fail on.
class EmptiedTables {
 public:
  EmptiedTables(const safety::Run& run, Migrator migrator) : run_(run), commits_(migrator) {}
  // Reads a statement, in the order they run.
  void see(const SqlFile& sql, const SqlStatement& s) {
    // After a commit, others may write to the table again.
    if (commits_.before(sql, s)) emptied_.clear();
    if (const auto control = transaction_control(s); control && control->change < 0) emptied_.clear();
    if (s.kind == "TruncateStmt") {
      for (const auto& r : s.parsed().value("relations", nlohmann::json::array())) {
        if (r.contains("RangeVar")) emptied_[safety::table_name(r["RangeVar"])] = &sql;
      }
    } else if (s.kind == "DeleteStmt") {
      const nlohmann::json& tree = s.parsed();
      if (!tree.contains("whereClause") && !tree.contains("usingClause")) emptied_[s.relation] = &sql;
    } else if (s.kind == "InsertStmt" || s.kind == "CopyStmt" || s.kind == "MergeStmt") {
      emptied_.erase(s.relation);
    } else if (s.kind == "DoStmt" || s.kind == "CallStmt" || s.kind == "CreateTableAsStmt") {
      // Code the rule does not follow may put rows anywhere (a DO block's statements are seen one
      // by one after it; one that is not plain SQL hides what it does).
      if (s.kind != "DoStmt" || s.nested.empty() || !s.conditional.empty()) emptied_.clear();
    }
  }
  bool empty(const SqlFile& sql, const std::string& table) const {
    const auto found = emptied_.find(table);
    return found != emptied_.end() && run_.same_run(*found->second, sql);
  }

 private:
  const safety::Run& run_;
  MigratorCommits commits_;
  std::map<std::string, const SqlFile*> emptied_;  // table -> the file that emptied it
};

}  // namespace

void check_add_column_not_null_without_default(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  EmptiedTables emptied(run, ctx.folder.migrator);
  // Not only tables of other runs: a table this migration created and then filled has rows too.
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    emptied.see(sql, s);
    if (s.kind != "AlterTableStmt" || !safety::mentions(s, {"CONSTR_NOTNULL", "CONSTR_PRIMARY"})) return;
    const std::string& table = s.relation;
    safety::for_each_command(s.parsed(), [&](const std::string& subtype, const nlohmann::json& cmd) {
      if (subtype != "AT_AddColumn" || !cmd.contains("def") || !cmd["def"].contains("ColumnDef")) return;
      if (run.table_is_empty(sql, s) || emptied.empty(sql, table) || safety::adds_nothing(run, sql, s, table, cmd)) {
        return;
      }
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
  });
}

}  // namespace miglint
