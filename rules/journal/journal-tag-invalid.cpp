#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_tag_invalid(const Context& ctx, Reporter& out) {
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.tag || tag_is_safe(e.tag->value)) continue;
    const std::string& tag = e.tag->value;
    std::string why;
    if (tag.empty()) why = "is empty, so the migrator would look for a file named \".sql\"";
    else if (tag.find('\0') != std::string::npos) why = "contains a NUL character";
    else if (tag.find("..") != std::string::npos) why = "contains \"..\", which can name a file outside the migrations folder";
    else why = "contains a path separator; drizzle-kit writes tags as plain file names, never paths";
    out.report(e.tag->where,
               fmt::format("the tag of entry {} {} (miglint does not read the files such a tag names)", e.position,
                           why))
        .help = "A tag is a plain file name: <prefix>_<name>, with no '/', '\\' or \"..\". Restore the entry from "
                "version control.";
  }
}

}  // namespace miglint
