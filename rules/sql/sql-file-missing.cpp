#include <algorithm>
#include <cctype>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_file_missing(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  for (const JournalEntry& e : f.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value)) continue;
    const std::string file = e.tag->value + ".sql";
    const SqlFile* sql = f.sql_of(e);
    if (sql && !sql->unreadable) continue;
    std::string missing = sql ? sql->unreadable->message
                              : fmt::format("entry {} names {}, which does not exist", e.position, file);
    if (!sql) {
      for (const SqlFile& other : f.sql_files) {
        if (std::equal(other.file_name.begin(), other.file_name.end(), file.begin(), file.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); })) {
          missing += fmt::format(" (there is {}, which differs in case; file names are case-sensitive on Linux)",
                                 other.file_name);
        }
      }
    }
    Finding& found = out.report(
        e.where, fmt::format("{}; drizzle's migrator throws \"No file .../{} found in ... folder\" and applies nothing",
                             missing, file));
    found.help = fmt::format("Restore {} from version control, or remove the entry (and its snapshot) if the "
                             "migration was never applied anywhere.",
                             file);
    found.migration = e.tag->value;
  }
}

}  // namespace miglint
