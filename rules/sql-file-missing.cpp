#include "engine/rule_api.h"

namespace miglint {

void check_sql_file_missing(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  for (const JournalEntry& e : f.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value)) continue;
    const std::string file = e.tag->value + ".sql";
    const SqlFile* sql = f.sql_of(e);
    if (sql && !sql->unreadable) continue;
    std::string message = sql ? sql->unreadable->message
                              : "entry " + std::to_string(e.position) + " names " + file + ", which does not exist";
    message += "; drizzle's migrator throws \"No file " + file + " found\" and applies nothing";
    Finding& found = out.report(e.where, message);
    found.help = "Restore " + file + " from version control, or remove the entry (and its snapshot) if the migration "
                 "was never applied anywhere.";
    found.migration = e.tag->value;
  }
}

}  // namespace miglint
