#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_edited(const Context& ctx, Reporter& out) {
  for (const LocalMigration& m : ctx.database->reconciliation.local) {
    const std::string& tag = m.name();
    if (m.state == MigrationState::Edited) {
      out.report(m.where(),
                 fmt::format("\"{}\" was applied from a different file: the recorded hash {} is not the file's {}; "
                             "the file changed after it ran, and migrate never notices, so new databases will differ "
                             "from this one",
                             tag, m.row->hash.substr(0, 12), m.hash.substr(0, 12)),
                 tag)
          .help = "Restore the file as it was applied (git log -p on it), and put the change in a new migration.";
    } else if (m.when_changed) {
      bool reruns = m.state == MigrationState::Pending;
      const char* effect = reruns ? "the next migrate runs it again, which usually fails on objects that exist"
                                  : "the when was edited after it ran";
      out.report(m.where(),
                 fmt::format("\"{}\" was applied with created_at {}, but its journal when is now {}; {}", tag,
                             m.row->created_at_text, describe_when(m.when()), effect),
                 tag)
          .help = fmt::format("Restore the original when ({}): migrate compares each when with the newest created_at, "
                              "so an edited when makes it repeat or skip migrations.",
                              m.row->created_at_text);
    }
  }
}

}  // namespace miglint
