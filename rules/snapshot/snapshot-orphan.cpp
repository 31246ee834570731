#include <set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_orphan(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (!f.journal.entries_read) return;
  std::set<std::string> expected;
  for (const JournalEntry& e : f.journal.entries) {
    if (e.tag) expected.insert(e.snapshot_file_name());
  }
  for (const Snapshot& s : f.snapshots) {
    if (expected.count(s.file_name)) continue;
    Location where = s.id ? s.id->where : s.whole();
    out.report(where, fmt::format("{} belongs to no journal entry (no tag starts with \"{}_\")", s.file_name, s.prefix))
        .help =
        "If its migration was dropped, delete the snapshot; drizzle-kit generate diffs against the last snapshot by "
        "file name, so a leftover can become its base.";
  }
}

}  // namespace miglint
