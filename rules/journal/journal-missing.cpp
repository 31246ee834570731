#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_missing(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (f.journal.present) return;
  if (f.sql_files.empty() && f.snapshots.empty()) return;
  Location where;
  where.file = f.journal.file.display_path();
  out.report(where, fmt::format("meta/_journal.json is missing, but the folder holds {} SQL file(s) and {} "
                                "snapshot(s); drizzle's migrator throws \"Can't find meta/_journal.json file\" and "
                                "applies nothing",
                                f.sql_files.size(), f.snapshots.size()))
      .help =
      "Restore meta/_journal.json from version control. If it is truly lost, rebuild it: one entry per SQL file in "
      "order, each with idx, version, when (the original generation time in milliseconds), tag and breakpoints.";
}

}  // namespace miglint
