#include "safety_support.h"

namespace miglint {

void check_drop_table(const Context& ctx, Reporter& out) {
  safety::for_each_statement(ctx.folder, "DropStmt", [&](const SqlFile& sql, const SqlStatement& s, const nlohmann::json& tree) {
    if (tree.value("removeType", std::string()) != "OBJECT_TABLE") return;
    std::string names;
    for (const auto& object : tree.value("objects", nlohmann::json::array())) {
      std::string name;
      if (!object.contains("List")) continue;
      for (const auto& part : object["List"].value("items", nlohmann::json::array())) {
        name += (name.empty() ? "" : ".") + part["String"].value("sval", std::string());
      }
      names += (names.empty() ? "" : ", ") + name;
    }
    out.report(sql.file.location(s.begin, s.begin + 4),
               "DROP TABLE " + names +
                   " deletes the table and every row in it, and the application code still deployed while the "
                   "migration runs fails on it",
               sql.tag)
        .help = "Release code that no longer uses the table first, then drop it in a later migration; keep a backup "
                "or a copy (CREATE TABLE ... AS) if the data may be needed.";
  });
}

}  // namespace miglint
