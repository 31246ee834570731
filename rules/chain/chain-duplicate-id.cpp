#include <map>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_chain_duplicate_id(const Context& ctx, Reporter& out) {
  std::map<std::string, const Snapshot*> first_with_id;
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (!s.id) continue;
    auto [it, fresh] = first_with_id.emplace(s.id->value, &s);
    if (fresh) continue;
    out.report(s.id->where,
               fmt::format("{} has the same id as {} (a copied snapshot); the prevId chain cannot tell them apart",
                           s.file_name, it->second->file_name),
               ctx.folder.tag_of(s))
        .help = "If one is a copy made by hand, restore the real snapshot from version control; a migration made "
                "with drizzle-kit generate --custom gets a fresh id.";
  }
}

}  // namespace miglint
