#include <optional>
#include <unordered_set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// The entries whose SQL, replayed on the snapshot before them, changes nothing there.
std::unordered_set<const JournalEntry*> changing_nothing(const Context& ctx) {
  std::unordered_set<const JournalEntry*> out;
  for (const schema::MigrationSchemas& step : ctx.schema().steps()) {
    if (step.changes_nothing.value_or(false)) out.insert(step.migration->entry);
  }
  return out;
}

}  // namespace

void check_snapshot_missing(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  // drizzle-kit generate diffs the schema against the snapshot whose file name sorts last in meta/,
  // whatever the journal says: only a gap after it changes what the next generate writes.
  const Snapshot* newest = f.snapshots.empty() ? nullptr : &f.snapshots.back();
  // The schema history, asked for at the first gap only: a folder without one pays nothing for it.
  std::optional<std::unordered_set<const JournalEntry*>> no_change;
  for (const JournalEntry& e : f.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value) || f.snapshot_of(e)) continue;
    const std::string file = e.snapshot_file_name();
    std::string effect;
    if (!no_change) no_change = changing_nothing(ctx);
    if (no_change->count(&e)) {
      Finding& found = out.report_as(
          Severity::Info, e.where,
          fmt::format("entry {} (\"{}\") has no meta/{}; its SQL changes no schema object, so drizzle-kit generate "
                      "emits nothing again because of it",
                      e.position, e.tag->value, file));
      found.help =
          "Nothing to do for generate: a migration that changes no schema (rows, or a repair of what the snapshot "
          "already holds) loses nothing without its snapshot. drizzle-kit generate --custom writes one for such a "
          "migration.";
      found.migration = e.tag->value;
      continue;
    }
    if (!newest) {
      effect = "no snapshot is left, so the next drizzle-kit generate diffs against an empty schema and emits every "
               "migration's changes again";
    } else if (file > newest->file_name) {
      effect = "the next drizzle-kit generate diffs against an older snapshot and emits this migration's changes again";
    } else {
      effect = fmt::format("drizzle-kit generate is not misled (it diffs against the newest snapshot, meta/{}), but "
                           "the schema after this migration is recorded nowhere and the chain of snapshots skips it",
                           newest->file_name);
    }
    Finding& found = out.report(e.where, fmt::format("entry {} (\"{}\") has no meta/{}; {}", e.position,
                                                     e.tag->value, file, effect));
    found.help =
        "Restore the snapshot from version control. For a hand-written migration, create it with drizzle-kit "
        "generate --custom instead of editing the journal by hand, so that a snapshot is written too.";
    found.migration = e.tag->value;
  }
}

}  // namespace miglint
