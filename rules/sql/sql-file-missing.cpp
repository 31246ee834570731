#include <algorithm>
#include <cctype>

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
    if (!sql) {
      for (const SqlFile& other : f.sql_files) {
        if (std::equal(other.file_name.begin(), other.file_name.end(), file.begin(), file.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
          message += " (there is " + other.file_name + ", which differs in case; file names are case-sensitive on Linux)";
        }
      }
    }
    message += "; drizzle's migrator throws \"No file .../" + file + " found in ... folder\" and applies nothing";
    Finding& found = out.report(e.where, message);
    found.help = "Restore " + file + " from version control, or remove the entry (and its snapshot) if the migration "
                 "was never applied anywhere.";
    found.migration = e.tag->value;
  }
}

}  // namespace miglint
