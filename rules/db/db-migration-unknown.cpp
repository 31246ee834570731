#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_unknown(const Context& ctx, Reporter& out) {
  if (!ctx.database) return;
  for (const AppliedRow* row : ctx.database->reconciliation.unknown) {
    std::string what = "a recorded migration (id " + (row->id.empty() ? std::string("NULL") : row->id) + ", hash " +
                       (row->hash.empty() ? std::string("empty") : row->hash.substr(0, 12)) + ", created_at " +
                       (row->created_at ? describe_when(*row->created_at) : std::string("NULL")) + ")";
    out.report(ctx.folder.journal.whole(),
               what + " matches no local migration: it was applied from another branch, or its files were deleted "
                      "or changed here")
        .help = "Find the migration in version control (git log --all -- '*.sql') and restore it. If it was applied "
                "from a branch that will not be merged, undo its changes in a new migration; miglint repair "
                "--forget-unknown prints the SQL that removes the row once that is done.";
  }
}

}  // namespace miglint
