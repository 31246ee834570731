#include "safety_support.h"

namespace miglint {

void check_rename_column(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  safety::for_each_statement(
      run, "RenameStmt", [&](const SqlFile& sql, const SqlStatement& s, const nlohmann::json& tree) {
        if (tree.value("renameType", std::string()) != "OBJECT_COLUMN" || run.table_is_new(sql, s)) return;
        out.report(
               safety::first_word(sql, s),
               "renaming column \"" + tree.value("subname", std::string()) + "\" of " + safety::relation_of(tree) +
                   " to \"" + tree.value("newname", std::string()) +
                   "\" breaks the code still deployed, which keeps using the old name until the new release is live",
               sql.tag)
            .help =
            "Rename only the property in the Drizzle schema and keep the database name (the column's name is "
            "the first argument of text(), integer() and the like); or add the new column, write both, backfill, "
            "switch reads, and drop the old one in a later migration.";
      });
}

}  // namespace miglint
