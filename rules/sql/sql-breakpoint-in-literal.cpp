#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_breakpoint_in_literal(const Context& ctx, Reporter& out) {
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  for (const SqlFile* file : ctx.folder.sql_files_of_migrations()) {
    const SqlFile& sql = *file;
    const SqlAnalysis& a = sql.sql();
    for (const auto& hidden : a.hidden_breakpoints) {
      std::size_t at = hidden.offset;
      const char* inside = "";
      switch (hidden.inside.kind) {
        case QuotedSpan::Kind::String: inside = "a string literal"; break;
        case QuotedSpan::Kind::Identifier: inside = "a quoted identifier"; break;
        case QuotedSpan::Kind::DollarQuoted: inside = "a dollar-quoted body"; break;
        case QuotedSpan::Kind::LineComment: inside = "a comment"; break;
        case QuotedSpan::Kind::BlockComment: inside = "a /* */ comment"; break;
      }
      bool comment = hidden.inside.kind == QuotedSpan::Kind::LineComment ||
                     hidden.inside.kind == QuotedSpan::Kind::BlockComment;
      const char* effect = comment ? "so the rest of the comment is run as SQL" : "cutting the statement in two";
      out.report(sql.file.location(at, at + kBreakpoint.size()),
                 fmt::format("--> statement-breakpoint inside {}: drizzle's migrator splits the file there anyway, {}",
                             inside, effect),
                 sql.tag)
          .help = "Reword the text so it does not contain the marker, or split the statement where it really ends.";
    }
  }
}

}  // namespace miglint
