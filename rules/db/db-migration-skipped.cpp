#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_skipped(const Context& ctx, Reporter& out) {
  const Reconciliation& r = ctx.database->reconciliation;
  for (const LocalMigration& m : r.local) {
    if (m.state != MigrationState::Skipped) continue;
    const std::string& tag = m.name();
    const LocalMigration* newest = r.recorded_by(r.watermark_row);
    std::string by =
        newest ? fmt::format("\"{}\"", newest->name()) : "a migration this folder does not have";
    out.report(m.where(),
               fmt::format("\"{}\" is not recorded, and its when {} is not above the newest recorded created_at {} "
                           "(of {}); drizzle's migrate will never apply it, and reports success",
                           tag, describe_when(m.when()), describe_when(*r.watermark), by),
               tag)
        .help = "If it has not run anywhere, give it a when above every recorded created_at (regenerate it on top of "
                "the current history). If its SQL was applied by hand, record it with miglint repair --mark-applied.";
  }
}

}  // namespace miglint
