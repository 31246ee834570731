#include <map>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_name_same_second(const Context& ctx, Reporter& out) {
  std::map<double, std::vector<const Migration*>> by_second;
  for (const Migration& m : ctx.folder.migrations) {
    if (m.when) by_second[*m.when].push_back(&m);
  }
  for (const auto& [second, same] : by_second) {
    for (std::size_t k = 1; k < same.size(); ++k) {
      const bool same_sql = same[k]->sql && same.front()->sql &&
                            same[k]->sql->file.bytes() == same.front()->sql->file.bytes();
      out.report(same[k]->where,
                 fmt::format("{} and {} share one second ({}): upgrading a 0.x migrations table, drizzle-orm 1.0 tells "
                             "them apart only by the hash of their SQL{}",
                             *same[k]->name, *same.front()->name, same[k]->name->substr(0, 14),
                             same_sql ? ", which is the same: a row can be given the wrong name" : ""),
                 *same[k]->name)
          .help = "Harmless on databases that never ran a 0.x migrator. Before upgrading one that did, make sure the "
                  "SQL of migrations sharing a second differs, and check the names the upgrade records.";
    }
  }
}

}  // namespace miglint
