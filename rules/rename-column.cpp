#include <set>

#include "safety_support.h"

namespace miglint {

void check_rename_column(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  // Names no deployed code knows yet: columns this migration added or renamed into, and views it made.
  std::set<std::string> new_columns, new_views;
  const SqlFile* current = nullptr;
  bool file_renames_columns = false;  // else its other statements need not be read
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (&sql != current) {
      current = &sql;
      new_columns.clear();
      new_views.clear();
      file_renames_columns = safety::any_statement_mentions(sql, {"\"renameType\":\"OBJECT_COLUMN\""});
    }
    if (!file_renames_columns) return;
    if (s.kind == "ViewStmt") {
      new_views.insert(safety::table_name(s.parsed().value("view", nlohmann::json::object())));
    } else if (s.kind == "AlterTableStmt" && safety::mentions(s, {"AT_AddColumn"})) {
      safety::for_each_command(s.parsed(), [&](const std::string& subtype, const nlohmann::json& cmd) {
        if (subtype != "AT_AddColumn") return;
        const auto& column = cmd.value("def", nlohmann::json::object()).value("ColumnDef", nlohmann::json::object());
        new_columns.insert(s.relation + "\n" + column.value("colname", std::string()));
      });
    }
    if (s.kind != "RenameStmt" || !safety::mentions(s, {"\"renameType\":\"OBJECT_COLUMN\""})) return;
    const nlohmann::json& tree = s.parsed();
    const std::string table = safety::relation_of(tree);
    const std::string from = tree.value("subname", std::string());
    const std::string to = tree.value("newname", std::string());
    const bool known_to_no_one =
        new_columns.count(table + "\n" + from) || new_views.count(table) || run.table_is_new(sql, s);
    new_columns.insert(table + "\n" + to);  // a swap's second step renames into a name made here
    if (known_to_no_one) return;
    out.report(safety::first_word(sql, s),
               "renaming column \"" + from + "\" of " + table + " to \"" + to +
                   "\" breaks the code still deployed, which keeps using the old name until the new release is live",
               sql.tag)
        .help =
        "Rename only the property in the Drizzle schema and keep the database name (the column's name is "
        "the first argument of text(), integer() and the like); or add the new column, write both, backfill, "
        "switch reads, and drop the old one in a later migration.";
  });
}

}  // namespace miglint
