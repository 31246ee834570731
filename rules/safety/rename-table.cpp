#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// The old name stays usable when the same migration creates a view under it.
bool view_created_later_in_file(const SqlFile& sql, const SqlStatement& rename, const std::string& name) {
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      if (s.begin > rename.begin && s.kind == "ViewStmt" &&
          safety::table_name(s.parsed().value("view", nlohmann::json::object())) == name) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void check_rename_table(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::set<std::string> indexes;  // ALTER TABLE ... RENAME also renames indexes; those break no query
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (s.kind == "IndexStmt") indexes.insert(safety::text_field(s, "idxname"));
    const bool rename = s.kind == "RenameStmt" && safety::mentions(s, {"\"renameType\":\"OBJECT_TABLE\""});
    const bool move = s.kind == "AlterObjectSchemaStmt" && safety::mentions(s, {"\"objectType\":\"OBJECT_TABLE\""});
    if ((!rename && !move) || run.table_is_new(sql, s)) return;
    const nlohmann::json& tree = s.parsed();
    const std::string& table = s.relation;
    if (indexes.count(tree.value("relation", nlohmann::json::object()).value("relname", std::string())) ||
        view_created_later_in_file(sql, s, table)) {
      return;
    }
    const std::string what =
        rename ? fmt::format("renaming table {} to \"{}\"", table, tree.value("newname", std::string()))
               : fmt::format("moving table {} to schema \"{}\"", table, tree.value("newschema", std::string()));
    out.report(safety::first_word(sql, s),
               fmt::format("{} breaks the code still deployed, which keeps querying the old name until the new release "
                           "is live",
                           what),
               sql.tag)
        .help =
        "Rename only the variable in the Drizzle schema and keep the table's name (pgTable's first argument); "
        "or rename it and create a view with the old name in the same migration, dropped in a later one.";
  });
}

}  // namespace miglint
