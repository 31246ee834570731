#include "engine/rule_api.h"

namespace miglint {

void check_db_migration_edited(const Context& ctx, Reporter& out) {
  if (!ctx.database) return;
  for (const LocalMigration& m : ctx.database->reconciliation.local) {
    const std::string& tag = m.entry->tag->value;
    if (m.state == MigrationState::Edited) {
      out.report(m.entry->where,
                 "\"" + tag + "\" was applied from a different file: the recorded hash " + m.row->hash.substr(0, 12) +
                     " is not the file's " + m.hash.substr(0, 12) +
                     "; the file changed after it ran, and migrate never notices, so new databases will differ from "
                     "this one",
                 tag)
          .help = "Restore the file as it was applied (git log -p on it), and put the change in a new migration.";
    } else if (m.when_changed) {
      bool reruns = m.state == MigrationState::Pending;
      out.report(m.entry->where,
                 "\"" + tag + "\" was applied with created_at " + m.row->created_at_text +
                     ", but its journal when is now " + describe_when(m.entry->when->value) +
                     (reruns ? "; the next migrate runs it again, which usually fails on objects that exist"
                             : "; the when was edited after it ran"),
                 tag)
          .help = "Restore the original when (" + m.row->created_at_text +
                  "): migrate compares each when with the newest created_at, so an edited when makes it repeat or "
                  "skip migrations.";
    }
  }
}

}  // namespace miglint
