#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_syntax_error(const Context& ctx, Reporter& out) {
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  for (const SqlFile* file : ctx.folder.sql_files_of_migrations()) {
    const SqlFile& sql = *file;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (!chunk.syntax_error) continue;
      const SqlSyntaxError& e = *chunk.syntax_error;
      out.report(sql.file.location(e.offset, e.offset + 1),
                 e.unparsed ? e.message
                            : fmt::format("PostgreSQL 15's parser cannot parse this statement: {}; migrate stops here "
                                          "and rolls back every pending migration",
                                          e.message),
                 sql.tag)
          .help = e.unparsed ? "Split the expression into smaller statements, or silence this finding with a "
                               "miglint-ignore comment if PostgreSQL accepts it."
                             : "Fix the SQL. Hand-written statements can be tried with psql in a transaction first "
                               "(BEGIN; ...; ROLLBACK;).";
    }
  }
}

}  // namespace miglint
