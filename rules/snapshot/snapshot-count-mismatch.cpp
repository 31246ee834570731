#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_count_mismatch(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (!f.journal.entries_read) return;
  std::size_t entries = f.journal.entries.size();
  std::size_t snapshots = f.snapshots.size();
  if (entries == snapshots) return;
  out.report(f.journal.whole(), "the journal has " + std::to_string(entries) + " entr" + (entries == 1 ? "y" : "ies") +
                                    " but meta/ holds " + std::to_string(snapshots) + " snapshot" +
                                    (snapshots == 1 ? "" : "s") + "; every migration needs exactly one snapshot")
      .help = "See the snapshot-missing and snapshot-orphan findings for which ones.";
}

}  // namespace miglint
