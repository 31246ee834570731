#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// What drizzle-orm 1.0 does with the row: its first migrate() throws on it while upgrading a 0.x
// table; on a 1.0 table it is passed over (matching is by name).
std::string v1_effect(const Reconciliation& r, const AppliedRow& row) {
  if (r.upgrade) {
    return "; it matches no migration folder of its second and none with its hash, so drizzle-orm 1.0's first "
           "migrate() throws on it while upgrading the migrations table, and changes nothing";
  }
  if (!row.name) return "; it has no name (written by drizzle-orm 0.x's migrator?), and drizzle-orm 1.0 passes it over";
  return "; drizzle-orm 1.0 passes it over";
}

}  // namespace

void check_db_migration_unknown(const Context& ctx, Reporter& out) {
  const Reconciliation& r = ctx.database->reconciliation;
  for (const AppliedRow* row : r.unknown) {
    // The row as the table shows it, NULL and empty values named.
    const std::string id = row->id.empty() ? "NULL" : row->id;
    const std::string name = row->name ? fmt::format(", name {}", *row->name) : "";
    const std::string hash = row->hash.empty() ? "empty" : row->hash.substr(0, 12);
    const std::string created_at = row->created_at ? describe_when(*row->created_at) : "NULL";
    out.report(database_finding_location(ctx.folder),
               fmt::format("a recorded migration (id {}{}, hash {}, created_at {}) matches no local migration: it was "
                           "applied from another branch, or its files were deleted or changed here{}",
                           id, name, hash, created_at, r.by_name ? v1_effect(r, *row) : ""))
        .help = "Find the migration in version control (git log --all -- '*.sql') and restore it. If it was applied "
                "from a branch that will not be merged, undo its changes in a new migration; miglint repair "
                "--forget-unknown prints the SQL that removes the row once that is done.";
  }
}

}  // namespace miglint
