#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

void check_drop_column(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    safety::for_each_statement_of(sql, [&](const SqlStatement& s) {
      if (s.kind != "AlterTableStmt" || !safety::mentions(s, {"AT_DropColumn"})) return;
      safety::for_each_command(s.parsed(), [&](const std::string& subtype, const nlohmann::json& cmd) {
        if (subtype != "AT_DropColumn") return;
        const std::string column = cmd.value("name", std::string());
        // A scratch column the same run added (or of a table it made) holds no one else's data.
        if (run.column_is_new(sql, s, s.relation, column)) return;
        out.report(safety::first_word(sql, s),
                   fmt::format("dropping column \"{}\" of {} deletes its data, and code still deployed that reads "
                               "or writes it fails",
                               column, s.relation),
                   sql.tag)
            .help =
            "Deploy code that no longer uses the column first (remove it from the Drizzle schema's queries), "
            "then drop it in a later migration.";
      });
    });
  }
}

}  // namespace miglint
