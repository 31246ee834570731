#include <map>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_id_duplicate(const Context& ctx, Reporter& out) {
  std::map<std::string, std::vector<const Snapshot*>> by_id;
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (s.id) by_id[s.id->value].push_back(&s);
  }
  for (const auto& [id, same] : by_id) {
    for (std::size_t k = 1; k < same.size(); ++k) {
      out.report(same[k]->id->where,
                 fmt::format("{} and {} have the same id {}: a folder copied by hand; drizzle-kit keeps only one of "
                             "them, and the migrations that follow it name an ambiguous parent",
                             same[k]->prefix, same.front()->prefix, id),
                 same[k]->prefix)
          .help = "Delete the copy if it is one. Otherwise delete the later migration (if no database applied it) and "
                  "run drizzle-kit generate, which gives its snapshot a fresh id.";
    }
  }
}

}  // namespace miglint
