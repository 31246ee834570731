#include <map>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

// The migrator applies folders in name order; drizzle-kit check refuses a child named before its parent.
void check_folder_parent_sorts_after(const Context& ctx, Reporter& out) {
  std::map<std::string, const Snapshot*> by_id;
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (s.id) by_id.emplace(s.id->value, &s);
  }
  for (const Snapshot& s : ctx.folder.snapshots) {
    for (const Located<std::string>& parent_id : s.prev_ids) {
      auto parent = by_id.find(parent_id.value);
      if (parent == by_id.end() || parent->second == &s || s.prefix > parent->second->prefix) continue;
      out.report(parent_id.where,
                 fmt::format("{} follows {} but does not sort after it: the migrator, which applies folders in name "
                             "order, runs it first",
                             s.prefix, parent->second->prefix),
                 s.prefix)
          .help = "If no database has applied it yet, rename the folder with a time after its parent's. drizzle-kit "
                  "check reports the same.";
    }
  }
}

}  // namespace miglint
