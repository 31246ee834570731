#include "engine/rule_api.h"

namespace miglint {

void check_journal_tag_invalid(const Context& ctx, Reporter& out) {
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.tag || tag_is_safe(e.tag->value)) continue;
    std::string why = e.tag->value.empty() ? "is empty" : "would name a file outside the migrations folder";
    if (e.tag->value.find('\0') != std::string::npos) why = "contains a NUL character";
    out.report(e.tag->where, "the tag of entry " + std::to_string(e.position) + " " + why +
                                 "; miglint does not read the files it names")
        .help = "A tag is a plain file name: <prefix>_<name>, with no '/', '\\' or \"..\". Restore the entry from "
                "version control.";
  }
}

}  // namespace miglint
