#include <fmt/core.h>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

// PostgreSQL's up refuses a child that sorts before its parent (upgrade-blocked); the others
// convert, and the 1.0 migrator then runs the folders in name order.
void check_upgrade_order_changes(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  if (plan.postgres) return;
  std::vector<const upgrade::Move*> moved;  // up moves only the entries it finds SQL for
  for (const upgrade::Move& m : plan.moves) {
    if (m.sql && m.folder) moved.push_back(&m);
  }
  for (std::size_t j = 1; j < moved.size(); ++j) {
    const upgrade::Move& later = *moved[j];
    for (std::size_t i = 0; i < j; ++i) {
      const upgrade::Move& earlier = *moved[i];
      if (!(*later.folder < *earlier.folder)) continue;
      Finding& f = out.report(
          later.entry->where,
          fmt::format("after drizzle-kit up, \"{}\" is the folder {}, which sorts before {} (\"{}\", earlier in the "
                      "journal): drizzle-orm 1.0 runs the folders in name order, so new databases run \"{}\" first",
                      later.tag, *later.folder, *earlier.folder, earlier.tag, later.tag),
          later.tag);
      f.help = fmt::format("Before running drizzle-kit up, set when of \"{}\" in meta/_journal.json to at least one second "
                           "after when of \"{}\" (databases that ran it are not affected: they match it by hash).",
                           later.tag, earlier.tag);
      break;
    }
  }
}

}  // namespace miglint
