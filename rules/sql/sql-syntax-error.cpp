#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_syntax_error(const Context& ctx, Reporter& out) {
  for (const SqlFile& sql : ctx.folder.sql_files) {
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (!chunk.syntax_error) continue;
      const SqlSyntaxError& e = *chunk.syntax_error;
      out.report(sql.file.location(e.offset, e.offset + 1),
                 fmt::format("PostgreSQL 15's parser cannot parse this statement: {}; migrate stops here and rolls "
                             "back every pending migration",
                             e.message),
                 sql.tag)
          .help = "Fix the SQL. Hand-written statements can be tried with psql in a transaction first (BEGIN; ...; "
                  "ROLLBACK;).";
    }
  }
}

}  // namespace miglint
