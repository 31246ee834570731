#include <map>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_chain_fork(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  std::map<std::string, std::vector<const Snapshot*>> children;
  std::map<std::string, const Snapshot*> by_id;
  for (const Snapshot& s : f.snapshots) {
    if (s.id) by_id.emplace(s.id->value, &s);
    if (s.prev_id && !s.prev_id->value.empty()) children[s.prev_id->value].push_back(&s);
  }
  for (const auto& [parent_id, kids] : children) {
    if (kids.size() < 2) continue;
    auto parent = by_id.find(parent_id);
    std::string parent_name = parent != by_id.end() ? parent->second->file_name : "the origin";
    if (parent == by_id.end() && parent_id != kOriginId) parent_name = fmt::format("id {}", parent_id);
    for (std::size_t k = 1; k < kids.size(); ++k) {
      out.report(kids[k]->prev_id->where,
                 fmt::format("{} and {} both follow {}: two branches generated migrations from the same parent and "
                             "were merged; drizzle-kit check reports a collision and generate refuses to run",
                             kids[k]->file_name, kids.front()->file_name, parent_name),
                 f.tag_of(*kids[k]))
          .help = "Keep the branch that was merged first. For the other, if it is not applied anywhere, delete its "
                  "migration (SQL, snapshot, journal entry) and run drizzle-kit generate again on top of the merge.";
    }
  }
}

}  // namespace miglint
