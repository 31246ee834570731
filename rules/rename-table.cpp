#include "safety_support.h"

namespace miglint {

void check_rename_table(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  safety::for_each_statement(
      run, "RenameStmt", [&](const SqlFile& sql, const SqlStatement& s, const nlohmann::json& tree) {
        if (tree.value("renameType", std::string()) != "OBJECT_TABLE" || run.table_is_new(sql, s)) return;
        out.report(
               safety::first_word(sql, s),
               "renaming table " + safety::relation_of(tree) + " to \"" + tree.value("newname", std::string()) +
                   "\" breaks the code still deployed, which keeps querying the old name until the new release is live",
               sql.tag)
            .help =
            "Rename only the variable in the Drizzle schema and keep the table's name (pgTable's first argument); "
            "or rename it and create a view with the old name for the transition, dropped in a later migration.";
      });
}

}  // namespace miglint
