#include <set>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

// A head is a snapshot no other names as parent; drizzle-kit 1.0 wants one (a merge migration
// names several parents).
void check_folder_branches_unmerged(const Context& ctx, Reporter& out) {
  std::set<std::string> parents;
  for (const Snapshot& s : ctx.folder.snapshots) {
    for (const auto& p : s.prev_ids) parents.insert(p.value);
  }
  std::vector<const Snapshot*> heads;
  std::set<std::string> seen;
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (s.id && !parents.count(s.id->value) && seen.insert(s.id->value).second) heads.push_back(&s);
  }
  if (heads.size() < 2) return;
  std::string names;
  for (const Snapshot* h : heads) names += (names.empty() ? "" : ", ") + h->prefix;
  for (std::size_t k = 1; k < heads.size(); ++k) {
    out.report(heads[k]->id->where,
               fmt::format("{} heads ({}): branches were merged without a merge migration; the next drizzle-kit "
                           "generate writes one, and the migrator applies both branches in name order meanwhile",
                           heads.size(), names),
               heads[k]->prefix)
        .help = "If folder-branches-conflict says nothing of these branches, run drizzle-kit generate "
                "to write the merge migration, and commit it with the merge.";
  }
}

}  // namespace miglint
