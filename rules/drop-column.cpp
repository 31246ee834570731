#include "safety_support.h"

namespace miglint {

void check_drop_column(const Context& ctx, Reporter& out) {
  safety::for_each_statement(ctx.folder, "AlterTableStmt", [&](const SqlFile& sql, const SqlStatement& s, const nlohmann::json& tree) {
    safety::for_each_command(tree, [&](const std::string& subtype, const nlohmann::json& cmd) {
      if (subtype != "AT_DropColumn") return;
      out.report(sql.file.location(s.begin, s.begin + 5),
                 "dropping column \"" + cmd.value("name", std::string()) + "\" of " + safety::relation_of(tree) +
                     " deletes its data, and code still deployed that reads or writes it fails",
                 sql.tag)
          .help = "Deploy code that no longer uses the column first (remove it from the Drizzle schema's queries), "
                  "then drop it in a later migration.";
    });
  });
}

}  // namespace miglint
