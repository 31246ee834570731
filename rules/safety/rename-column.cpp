#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

void check_rename_column(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    if (!safety::any_statement_mentions(sql, {"\"renameType\":\"OBJECT_COLUMN\""})) continue;
    // Names no deployed code knows yet: columns the run made (Run::column_is_new), names this
    // migration renamed into, and views it made.
    std::set<std::string> renamed_into, new_views;
    safety::for_each_statement_of(sql, [&](const SqlStatement& s) {
      if (s.kind == "ViewStmt") new_views.insert(safety::table_name(s.parsed().value("view", nlohmann::json::object())));
      if (s.kind != "RenameStmt" || !safety::mentions(s, {"\"renameType\":\"OBJECT_COLUMN\""})) return;
      const nlohmann::json& tree = s.parsed();
      const std::string from = tree.value("subname", std::string());
      const std::string to = tree.value("newname", std::string());
      const bool known_to_no_one = renamed_into.count(s.relation + "\n" + from) || new_views.count(s.relation) ||
                                   run.column_is_new(sql, s, s.relation, from);
      renamed_into.insert(s.relation + "\n" + to);  // a swap's second step renames into a name made here
      if (known_to_no_one) return;
      out.report(safety::first_word(sql, s),
                 fmt::format("renaming column \"{}\" of {} to \"{}\" breaks the code still deployed, which keeps "
                             "using the old name until the new release is live",
                             from, s.relation, to),
                 sql.tag)
          .help =
          "Rename only the property in the Drizzle schema and keep the database name (the column's name is "
          "the first argument of text(), integer() and the like); or add the new column, write both, backfill, "
          "switch reads, and drop the old one in a later migration.";
    });
  }
}

}  // namespace miglint
