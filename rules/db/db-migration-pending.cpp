#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_pending(const Context& ctx, Reporter& out) {
  for (const LocalMigration& m : ctx.database->reconciliation.local) {
    if (m.state != MigrationState::Pending) continue;
    const std::string& tag = m.name();
    const char* again = m.row ? " again (it is recorded already, under an older when)" : "";
    out.report(m.where(), fmt::format("\"{}\" will be applied by the next migrate{}", tag, again), tag).help =
        "Pending migrations run together in one transaction, in journal order.";
  }
}

}  // namespace miglint
