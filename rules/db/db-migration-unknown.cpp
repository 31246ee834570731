#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_unknown(const Context& ctx, Reporter& out) {
  for (const AppliedRow* row : ctx.database->reconciliation.unknown) {
    // The row as the table shows it, NULL and empty values named.
    const std::string id = row->id.empty() ? "NULL" : row->id;
    const std::string hash = row->hash.empty() ? "empty" : row->hash.substr(0, 12);
    const std::string created_at = row->created_at ? describe_when(*row->created_at) : "NULL";
    out.report(ctx.folder.journal.whole(),
               fmt::format("a recorded migration (id {}, hash {}, created_at {}) matches no local migration: it was "
                           "applied from another branch, or its files were deleted or changed here",
                           id, hash, created_at))
        .help = "Find the migration in version control (git log --all -- '*.sql') and restore it. If it was applied "
                "from a branch that will not be merged, undo its changes in a new migration; miglint repair "
                "--forget-unknown prints the SQL that removes the row once that is done.";
  }
}

}  // namespace miglint
