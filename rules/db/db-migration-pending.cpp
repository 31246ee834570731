#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// drizzle-orm 1.0 applies every migration whose name is not recorded, wherever its name sorts.
void report_pending_by_name(const Reconciliation& r, const LocalMigration& m, Reporter& out) {
  const std::string& tag = m.name();
  if (r.upgrade && !r.upgrade->unmatched.empty()) {
    out.report(m.where(),
               fmt::format("\"{}\" is not recorded, but the next migrate applies nothing: it throws while upgrading "
                           "the migrations table (see db-migration-unknown)",
                           tag),
               tag);
    return;
  }
  if (!m.out_of_order) {
    out.report(m.where(), fmt::format("\"{}\" will be applied by the next migrate", tag), tag).help =
        "Pending migrations run together in one transaction, in name order.";
    return;
  }
  const char* skipped_before = r.upgrade ? "; drizzle-orm 0.x's migrator skipped it, 1.0's does not" : "";
  out.report_as(Severity::Warning, m.where(),
                fmt::format("\"{}\" will be applied by the next migrate although its name sorts before migrations "
                            "already applied{}: here it runs after them, on a new database before them",
                            tag, skipped_before),
                tag)
      .help = "Check that it does not depend on the order (it was merged from a branch, or named by hand); if it "
              "does, give it a new folder name that sorts last (drizzle-orm 1.0 matches by name).";
}

}  // namespace

void check_db_migration_pending(const Context& ctx, Reporter& out) {
  const Reconciliation& r = ctx.database->reconciliation;
  for (const LocalMigration& m : r.local) {
    if (m.state != MigrationState::Pending) continue;
    if (r.by_name) {
      report_pending_by_name(r, m, out);
      continue;
    }
    const std::string& tag = m.name();
    const char* again = m.row ? " again (it is recorded already, under an older when)" : "";
    out.report(m.where(), fmt::format("\"{}\" will be applied by the next migrate{}", tag, again), tag).help =
        "Pending migrations run together in one transaction, in journal order.";
  }
}

}  // namespace miglint
