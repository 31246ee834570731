#include <vector>

#include <fmt/ranges.h>

#include "safety/safety_support.h"
#include "sql/names.h"

namespace miglint {

namespace {

// A dropped table's name list, [[catalog.]schema.]name, keyed as statements key tables.
std::string qualified_name(const nlohmann::json& object) {
  const auto items = object.value("List", nlohmann::json::object()).value("items", nlohmann::json::array());
  auto part = [&](std::size_t from_end) {
    if (items.size() < from_end) return std::string();
    return items[items.size() - from_end].value("String", nlohmann::json::object()).value("sval", std::string());
  };
  return table_key(part(2), part(1));
}

}  // namespace

void check_drop_table(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    safety::for_each_statement_of(sql, [&](const SqlStatement& s) {
      if (s.kind != "DropStmt" || !safety::mentions(s, {"OBJECT_TABLE"})) return;
      const nlohmann::json& tree = s.parsed();
      if (tree.value("removeType", std::string()) != "OBJECT_TABLE") return;
      std::vector<std::string> names;
      for (const auto& object : tree.value("objects", nlohmann::json::array())) {
        std::string name = qualified_name(object);
        // A scratch table the same run made holds nothing anyone else relies on.
        if (!run.table_is_new(sql, s, name)) names.push_back(std::move(name));
      }
      if (names.empty()) return;
      out.report(safety::first_word(sql, s),
                 fmt::format("DROP TABLE {} deletes the table and every row in it, and the application code still "
                             "deployed while the migration runs fails on it",
                             fmt::join(names, ", ")),
                 sql.tag)
          .help =
          "Release code that no longer uses the table first, then drop it in a later migration; keep a backup "
          "or a copy (CREATE TABLE ... AS) if the data may be needed.";
    });
  }
}

}  // namespace miglint
