#include <set>

#include "safety_support.h"

namespace miglint {

void check_drop_column(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::set<std::string> added_in_file;  // "table\ncolumn" the current file added before the statement
  const SqlFile* current = nullptr;
  bool file_drops_columns = false;  // else its ADD COLUMNs need not be read
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (&sql != current) {
      current = &sql;
      added_in_file.clear();
      file_drops_columns = safety::any_statement_mentions(sql, {"AT_DropColumn"});
    }
    if (!file_drops_columns || s.kind != "AlterTableStmt" || !safety::mentions(s, {"AT_DropColumn", "AT_AddColumn"}))
      return;
    const nlohmann::json& tree = s.parsed();
    const std::string table = safety::relation_of(tree);
    safety::for_each_command(tree, [&](const std::string& subtype, const nlohmann::json& cmd) {
      if (subtype == "AT_AddColumn") {
        const auto& column = cmd.value("def", nlohmann::json::object()).value("ColumnDef", nlohmann::json::object());
        added_in_file.insert(table + "\n" + column.value("colname", std::string()));
      }
      if (subtype != "AT_DropColumn") return;
      const std::string column = cmd.value("name", std::string());
      // A scratch column the same migration added (or a table it created) holds no one else's data.
      if (added_in_file.count(table + "\n" + column) || run.table_is_new(sql, s)) return;
      out.report(safety::first_word(sql, s),
                 "dropping column \"" + column + "\" of " + table +
                     " deletes its data, and code still deployed that reads or writes it fails",
                 sql.tag)
          .help =
          "Deploy code that no longer uses the column first (remove it from the Drizzle schema's queries), "
          "then drop it in a later migration.";
    });
  });
}

}  // namespace miglint
