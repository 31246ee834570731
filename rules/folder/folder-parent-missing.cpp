#include <set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_parent_missing(const Context& ctx, Reporter& out) {
  std::set<std::string> ids;
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (s.id) ids.insert(s.id->value);
  }
  for (const Snapshot& s : ctx.folder.snapshots) {
    for (const Located<std::string>& parent : s.prev_ids) {
      if (parent.value == kOriginId || ids.count(parent.value)) continue;
      out.report(parent.where,
                 fmt::format("{} follows {}, which no snapshot in the folder has as id: its parent migration was "
                             "deleted or never merged, and drizzle-kit cannot rebuild the schema",
                             s.prefix, parent.value),
                 s.prefix)
          .help = "Restore the parent migration's folder from git. If it is gone for good, delete this migration and "
                  "every later one that no database has applied, and run drizzle-kit generate again.";
    }
  }
}

}  // namespace miglint
