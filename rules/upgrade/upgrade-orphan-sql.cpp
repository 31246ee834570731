#include <fmt/core.h>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

void check_upgrade_orphan_sql(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  for (const SqlFile& file : ctx.folder.sql_files) {
    const upgrade::Move* named = nullptr;
    const upgrade::Move* adopted = nullptr;
    bool contested = false;
    for (const upgrade::Move& m : plan.moves) {
      if (m.sql == &file) (m.sql_adopted ? adopted : named) = &m;
      for (const SqlFile* c : m.candidates) contested = contested || c == &file;
    }
    if (named || contested) continue;  // a migration's own file, or one upgrade-blocked names
    const Location where = file.file.location(0, 0);
    if (adopted) {
      Finding& f = out.report(
          where,
          fmt::format("no entry names {}, but entry \"{}\" has no {}.sql: drizzle-kit up moves this file into its folder "
                      "as its migration.sql, and drizzle-orm 1.0 runs it as that migration, which 0.x never did",
                      file.file_name, adopted->tag, adopted->tag),
          adopted->tag);
      f.help = fmt::format("Check that {} holds the SQL of \"{}\"; if it does, rename it to {}.sql before running "
                           "drizzle-kit up, else restore the right file.",
                           file.file_name, adopted->tag, adopted->tag);
      continue;
    }
    Finding& f = out.report(where, fmt::format("no entry names {}: drizzle-kit up leaves it at the top of the folder, "
                                               "where drizzle-orm 1.0 never reads it, as 0.x never applied it",
                                               file.file_name));
    f.help = "Delete it, or make it a migration (drizzle-kit generate --custom, then move the SQL in) before running "
             "drizzle-kit up.";
  }
}

}  // namespace miglint
