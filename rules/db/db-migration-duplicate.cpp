#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_duplicate(const Context& ctx, Reporter& out) {
  const Reconciliation& r = ctx.database->reconciliation;
  for (const auto& rows : r.duplicates) {
    const AppliedRow* first = rows.front();
    const LocalMigration* local = nullptr;
    for (const AppliedRow* row : rows) {
      if (!local) local = r.recorded_by(row);
    }
    std::string name = local ? fmt::format("\"{}\"", local->name())
                             : fmt::format("the migration with hash {}", first->hash.substr(0, 12));
    Location where = local ? local->where() : database_finding_location(ctx.folder);
    out.report(where,
               fmt::format("{} is recorded {} times; its SQL ran more than once, or rows were inserted by hand twice",
                           name, rows.size()),
               local ? local->name() : std::string())
        .help = "Check that its changes are in the database once (a second run of non-idempotent SQL fails or doubles "
                "data), then delete the extra rows.";
  }
}

}  // namespace miglint
