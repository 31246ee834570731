#include <map>
#include <set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_sql_file_orphan(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (!f.journal.entries_read) return;  // journal-missing or journal-malformed says it all
  std::map<std::string, std::string> tag_by_prefix;
  std::set<std::string> named;
  for (const JournalEntry& e : f.journal.entries) {
    if (!e.tag) continue;
    named.insert(e.tag->value);
    tag_by_prefix.emplace(e.tag_prefix(), e.tag->value);
  }
  for (const SqlFile& sql : f.sql_files) {
    if (named.count(sql.tag)) continue;
    std::string taken;  // the other migration with its number, if any
    std::string prefix = sql.tag.substr(0, sql.tag.find('_'));
    if (auto it = tag_by_prefix.find(prefix); it != tag_by_prefix.end()) {
      taken = fmt::format("; its number {} is already taken by {} (a leftover from a merge or a regenerate)", prefix,
                          it->second);
    }
    const std::string message =
        fmt::format("{} is not in the journal, so drizzle's migrator never applies it{}", sql.file_name, taken);
    Location where = sql.file.location(0, 0);
    out.report(where, message).help =
        "If its changes are needed, regenerate them with drizzle-kit generate (or add a journal entry with a fresh "
        "when and its own snapshot); otherwise delete the file.";
  }
}

}  // namespace miglint
