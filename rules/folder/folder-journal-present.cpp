#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_journal_present(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (!f.journal.present) return;
  Location where;
  where.file = f.journal.file.display_path();
  out.report(where,
             "meta/_journal.json lies beside the 1.0 migration folders: drizzle-orm 1.0's migrator throws on it "
             "(\"old drizzle-kit migration folders\") and applies nothing")
      .help = "If drizzle-kit up already moved every migration into its own folder, delete meta/. If a 0.x branch was "
              "merged after the upgrade, move its migrations over with drizzle-kit up on that branch first.";
}

}  // namespace miglint
