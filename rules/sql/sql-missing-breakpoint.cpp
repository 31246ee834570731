#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_missing_breakpoint(const Context& ctx, Reporter& out) {
  std::optional<Dialect> dialect = ctx.folder.dialect();
  bool fatal = dialect == Dialect::SQLite || dialect == Dialect::MySQL || dialect == Dialect::SingleStore;
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  for (const SqlFile* file : ctx.folder.sql_files_of_migrations()) {
    const SqlFile& sql = *file;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (chunk.statements.size() < 2) continue;
      std::size_t at = chunk.statements[1].begin;
      const char* effect = fatal ? "better-sqlite3, libsql, D1 and mysql2 (without multipleStatements) run one "
                                   "statement per call and fail on it"
                                 : "PostgreSQL runs them as one query, which works but hides which statement failed";
      const std::string message = fmt::format(
          "{} statements in one chunk, with no --> statement-breakpoint between them; {}", chunk.statements.size(),
          effect);
      out.report_as(fatal ? Severity::Error : Severity::Info, sql.file.location(at, at + 1), message, sql.tag).help =
          "Put --> statement-breakpoint after each statement, as drizzle-kit generate does.";
    }
  }
}

}  // namespace miglint
