#include <fmt/core.h>

#include <map>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

// drizzle-orm 1.0 upgrades a 0.x migrations table on its first migrate: each recorded row is
// matched to the local migration of the same second (created_at cut to seconds), and only when
// several share it, by hash. A row that matches nothing makes migrate throw.
void check_upgrade_same_second(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  std::map<long long, const upgrade::Move*> first_in;
  for (const upgrade::Move& m : plan.moves) {
    if (!m.second || !m.sql) continue;
    auto [it, added] = first_in.emplace(*m.second, &m);
    if (added) continue;
    Finding& f = out.report(
        m.entry->where,
        fmt::format("\"{}\" falls in the same second as \"{}\" ({}): on a database 0.x migrated, drizzle-orm 1.0's "
                    "first migrate can match their recorded rows by hash only, and throws (\"do not match any local "
                    "migration\") if either file changed after it ran",
                    m.tag, it->second->tag, m.folder->substr(0, 14)),
        m.tag);
    f.help = "Make sure neither file changed since it was applied (miglint --database-url reports edited migrations "
             "as db-migration-edited) before the first migrate with drizzle-orm 1.0.";
  }
}

}  // namespace miglint
