#include <fmt/core.h>

#include <map>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

void check_upgrade_folder_collision(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  std::map<std::string, const upgrade::Move*, std::less<>> first_with;
  for (const upgrade::Move& m : plan.moves) {
    if (!m.sql || !m.folder) continue;  // up creates folders only for the entries it moves
    auto [it, added] = first_with.emplace(*m.folder, &m);
    if (added) continue;
    Finding& f = out.report(m.entry->where,
                            fmt::format("drizzle-kit up names the folders of \"{}\" and \"{}\" both {}: creating it the "
                                        "second time fails (EEXIST) after the earlier migrations were already moved, and "
                                        "the folder is left half converted, with meta/ still there",
                                        it->second->tag, m.tag, *m.folder),
                            m.tag);
    f.help = fmt::format("Before running drizzle-kit up, set when of \"{}\" in meta/_journal.json to at least one second "
                         "after when of \"{}\".",
                         m.tag, it->second->tag);
  }
}

}  // namespace miglint
