#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_snapshot_missing(const Context& ctx, Reporter& out) {
  for (const FolderEntry& e : ctx.folder.entries) {
    if (!e.has_sql || e.has_snapshot || e.unreadable) continue;
    out.report(e.where(),
               fmt::format("{} has migration.sql but no snapshot.json: drizzle-kit generate does not see it, diffs "
                           "against an older snapshot and writes its changes again",
                           e.name),
               e.name)
        .help = "Restore snapshot.json from git. For a hand-written migration, make the folder with "
                "drizzle-kit generate --custom, which writes the snapshot too.";
  }
}

}  // namespace miglint
