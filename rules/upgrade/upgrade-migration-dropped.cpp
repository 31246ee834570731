#include <fmt/core.h>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

// PostgreSQL's up refuses such an entry instead (upgrade-blocked); the others move what they can.
void check_upgrade_migration_dropped(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  if (plan.postgres) return;
  for (const upgrade::Move& m : plan.moves) {
    if (m.sql || !m.candidates.empty() || !m.snapshot) continue;
    Finding& f = out.report(m.entry->where,
                            fmt::format("entry \"{}\" has no SQL file: drizzle-kit up moves the other migrations into "
                                        "their folders and deletes meta/, and this migration, with its snapshot, is gone "
                                        "without a word",
                                        m.tag),
                            m.tag);
    f.help = fmt::format("Restore {}.sql from version control before running drizzle-kit up, or remove the entry and its "
                         "snapshot if the migration never ran anywhere.",
                         m.tag);
  }
}

}  // namespace miglint
