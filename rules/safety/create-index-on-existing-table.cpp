#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

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
    // Read from the tree's text: every index statement of the folder passes here.
    const std::string name = safety::text_field(s, "idxname");
    // IF NOT EXISTS of an index the folder already made builds nothing.
    const bool exists = !indexes.insert(name).second && safety::mentions(s, {"\"if_not_exists\":true"});
    // CONCURRENTLY is another rule's error: PostgreSQL refuses it in drizzle's transaction.
    if (exists || safety::mentions(s, {"\"concurrent\":true"}) || run.table_is_new(sql, s)) return;
    out.report(safety::first_word(sql, s),
               fmt::format("{0}{1} reads all of {2} to build the index while it blocks every write to {2}, and "
                           "drizzle holds that lock until every pending migration has run",
                           safety::mentions(s, {"\"unique\":true"}) ? "CREATE UNIQUE INDEX" : "CREATE INDEX",
                           safety::quoted_name(name), s.relation),
               sql.tag)
        .help =
        "Fine for a small table. For a large or busy one, build the index by hand with CREATE INDEX "
        "CONCURRENTLY before deploying (drizzle's transaction refuses CONCURRENTLY), write the migration's "
        "statement as CREATE INDEX IF NOT EXISTS, and suppress this finding with that reason.";
  });
}

}  // namespace miglint
