#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_missing(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  for (const JournalEntry& e : f.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value) || f.snapshot_of(e)) continue;
    Finding& found = out.report(
        e.where, fmt::format("entry {} (\"{}\") has no meta/{}; the next drizzle-kit generate diffs against an older "
                             "snapshot and emits this migration's changes again",
                             e.position, e.tag->value, e.snapshot_file_name()));
    found.help =
        "Restore the snapshot from version control. For a hand-written migration, create it with drizzle-kit "
        "generate --custom instead of editing the journal by hand, so that a snapshot is written too.";
    found.migration = e.tag->value;
  }
}

}  // namespace miglint
