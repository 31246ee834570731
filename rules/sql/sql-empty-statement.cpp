#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_empty_statement(const Context& ctx, Reporter& out) {
  const std::optional<Dialect> dialect = ctx.folder.dialect();
  const bool mysql = dialect == Dialect::MySQL;
  // PostgreSQL accepts an empty query; SQLite and MySQL drivers throw on one. A runner of the
  // team's own (migrator = "per-migration" or "none") skips chunks that hold no statement.
  const bool drizzle = ctx.folder.migrator == Migrator::Drizzle;
  const bool drivers_refuse = dialect == Dialect::SQLite || mysql || dialect == Dialect::SingleStore;
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  for (const SqlFile* file : ctx.folder.sql_files_of_migrations()) {
    const SqlFile& sql = *file;
    const auto& chunks = sql.sql().chunks;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (!chunks[i].blank) continue;
      const std::string_view text = std::string_view(sql.file.bytes()).substr(chunks[i].begin, chunks[i].end - chunks[i].begin);
      const bool comments_only = text.find_first_not_of(" \t\r\n") != std::string_view::npos;
      // The MySQL and MariaDB servers answer a query of only comments with an empty result; only
      // a query of nothing but white space is "Query was empty".
      const bool fatal = drizzle && drivers_refuse && !(mysql && comments_only);
      const char* what = chunks.size() == 1 ? "the file holds no statement (an untouched generate --custom file?)"
                         : comments_only ? "a statement between breakpoints holds only comments (commented-out SQL?)"
                         : i + 1 == chunks.size() ? "a breakpoint at the end leaves an empty last statement"
                         : i == 0                 ? "the file starts with a breakpoint, leaving an empty first statement"
                                                  : "two breakpoints in a row leave an empty statement between them";
      const std::string effect =
          !drizzle  ? fmt::format("the migrator (migrator = \"{}\") skips it", migrator_name(ctx.folder.migrator))
          : fatal   ? std::string("SQLite and MySQL drivers fail on it (\"no statements\"), so migrate stops")
          : mysql   ? std::string("MySQL and MariaDB run a query of only comments as an empty one, so it does nothing")
                    : std::string("drizzle sends it to the database as it is");
      out.report_as(fatal ? Severity::Error : Severity::Warning, sql.file.location(chunks[i].begin, chunks[i].end),
                    fmt::format("{}; {}", what, effect), sql.tag)
          .help = comments_only && chunks.size() > 1
                      ? "Delete the comment together with one of the --> statement-breakpoint markers around it."
                      : "Remove the extra --> statement-breakpoint, or put the migration's SQL in the file.";
    }
  }
}

}  // namespace miglint
