#include <fmt/core.h>

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
  // What the last entry has in meta/, and what to do about it.
  std::string has;
  std::string help;
  if (wanted.starts_with("_")) {
    has = fmt::format("meta/{}, which generate ignores because its name starts with '_'", wanted);
    help = "Use a prefix mode other than \"none\" (migrations.prefix in drizzle.config): with \"none\" every "
           "snapshot is meta/_snapshot.json and generate never sees it.";
  } else if (!f.snapshot_named(wanted)) {
    has = "no snapshot";
    help = "Give the last migration its snapshot: create hand-written migrations with drizzle-kit generate --custom "
           "instead of editing the journal, or restore the snapshot from version control.";
  } else {
    has = fmt::format("meta/{}, which sorts earlier", wanted);
    help = "Remove or rename the snapshot that sorts last if it belongs to no entry. If the folder switched prefix "
           "modes (index, timestamp, unix), keep one mode: generate sorts names, not the journal.";
  }
  const std::string diffed = base ? fmt::format("meta/{}", base->file_name) : "none (so an empty schema)";
  const std::string message =
      fmt::format("drizzle-kit generate diffs against the last snapshot by file name, {}, but the last entry \"{}\" "
                  "has {}; the next generate compares the schema with the wrong snapshot and emits wrong SQL "
                  "(repeating or undoing changes)",
                  diffed, last.tag->value, has);
  Finding& found = out.report(last.where, message);
  found.help = help;
  found.migration = last.tag->value;
}

}  // namespace miglint
