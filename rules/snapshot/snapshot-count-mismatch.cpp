#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_count_mismatch(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (!f.journal.entries_read) return;
  std::size_t entries = f.journal.entries.size();
  std::size_t snapshots = f.snapshots.size();
  if (entries == snapshots) return;
  out.report(f.journal.whole(),
             fmt::format("the journal has {} {} but meta/ holds {} {}; every migration needs exactly one snapshot",
                         entries, entries == 1 ? "entry" : "entries", snapshots,
                         snapshots == 1 ? "snapshot" : "snapshots"))
      .help = "See the snapshot-missing and snapshot-orphan findings for which ones.";
}

}  // namespace miglint
