#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

void check_sql_transaction_control(const Context& ctx, Reporter& out) {
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        const std::optional<TransactionControl> control = transaction_control(s);
        if (!control) continue;
        const std::string_view name = control->name;
        out.report(sql.file.location(s.begin, s.begin + name.substr(0, name.find(' ')).size()),
                   fmt::format("{}: drizzle's migrator already runs all pending migrations in one transaction, so "
                               "this ends or breaks it and the rest of the batch is no longer atomic",
                               name),
                   sql.tag)
            .help = "Remove it. A statement that must run outside a transaction has to run outside drizzle's migrate.";
      }
    }
  }
}

}  // namespace miglint
