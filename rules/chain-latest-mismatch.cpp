#include "engine/rule_api.h"

namespace miglint {

void check_chain_latest_mismatch(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  if (f.journal.entries.empty()) return;
  const JournalEntry& last = f.journal.entries.back();
  if (!last.tag || !tag_is_safe(last.tag->value)) return;
  // drizzle-kit generate sorts the names in meta/ that do not start with '_' and takes the last one.
  const Snapshot* base = nullptr;
  for (const Snapshot& s : f.snapshots) {
    if (!s.file_name.starts_with("_")) base = &s;
  }
  const std::string wanted = last.snapshot_file_name();
  if (base && base->file_name == wanted) return;
  std::string message = "drizzle-kit generate diffs against the last snapshot by file name, ";
  message += base ? "meta/" + base->file_name : "none (so an empty schema)";
  message += ", but the last entry \"" + last.tag->value + "\" has ";
  if (wanted.starts_with("_")) {
    message += "meta/" + wanted + ", which generate ignores because its name starts with '_'";
  } else if (!f.snapshot_named(wanted)) {
    message += "no snapshot";
  } else {
    message += "meta/" + wanted + ", which sorts earlier";
  }
  message += "; the next generate emits changes that are already migrated";
  Finding& found = out.report(last.where, message);
  found.help = "Give the last migration its snapshot (create hand-written migrations with drizzle-kit generate "
               "--custom), and remove snapshots that belong to no entry.";
  found.migration = last.tag->value;
}

}  // namespace miglint
