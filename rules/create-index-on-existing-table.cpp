#include <set>

#include "safety_support.h"

namespace miglint {

void check_create_index_on_existing_table(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::set<std::string> indexes;  // created by the folder's SQL so far (and not dropped)
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (s.kind == "DropStmt" && safety::mentions(s, {"OBJECT_INDEX"})) {
      for (const auto& object : s.parsed().value("objects", nlohmann::json::array())) {
        indexes.erase(
            safety::last_name(object.value("List", nlohmann::json::object()).value("items", nlohmann::json::array())));
      }
      return;
    }
    if (s.kind != "IndexStmt") return;
    const nlohmann::json& tree = s.parsed();
    const std::string name = tree.value("idxname", std::string());
    // IF NOT EXISTS of an index the folder already made builds nothing.
    const bool exists = !indexes.insert(name).second && tree.value("if_not_exists", false);
    // CONCURRENTLY is another rule's error: PostgreSQL refuses it in drizzle's transaction.
    if (exists || tree.value("concurrent", false) || run.table_is_new(sql, s)) return;
    const std::string table = safety::relation_of(tree);
    out.report(safety::first_word(sql, s),
               std::string(tree.value("unique", false) ? "CREATE UNIQUE INDEX" : "CREATE INDEX") +
                   safety::quoted_name(name) + " reads all of " + table +
                   " to build the index while it blocks every "
                   "write to " +
                   table + ", and drizzle holds that lock until every pending migration has run",
               sql.tag)
        .help =
        "Fine for a small table. For a large or busy one, build the index by hand with CREATE INDEX "
        "CONCURRENTLY before deploying (drizzle's transaction refuses CONCURRENTLY), write the migration's "
        "statement as CREATE INDEX IF NOT EXISTS, and suppress this finding with that reason.";
  });
}

}  // namespace miglint
