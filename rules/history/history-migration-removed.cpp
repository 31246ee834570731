#include <fmt/core.h>

#include "engine/rule_api.h"
#include "history_support.h"

namespace miglint {

void check_history_migration_removed(const Context& ctx, Reporter& out) {
  const CommittedFolder& committed = *ctx.committed;
  const Journal& journal = ctx.folder.journal;
  // Without a readable journal nothing can be told removed; the journal rules report it.
  if (!journal.entries_read) return;
  for (const JournalEntry& before : committed.journal.entries) {
    if (!before.tag) continue;
    bool kept = false;
    for (const JournalEntry& e : journal.entries) kept = kept || (e.tag && e.tag->value == before.tag->value);
    if (kept) continue;
    Finding& f = out.report(
        journal.whole(),
        fmt::format("the migration \"{}\" (idx {}) was committed at {} and is gone from the journal: databases that "
                    "applied it keep its changes, which no migration makes now, and new databases never get them",
                    before.tag->value, before.idx ? before.idx->value : static_cast<std::int64_t>(before.position),
                    history::at_ref(committed)),
        before.tag->value);
    f.help = fmt::format(
        "Restore it (git checkout {} -- the entry, its SQL file and its snapshot) and undo what it did in a new "
        "migration; a committed migration is history that databases already ran.",
        committed.ref);
  }
}

}  // namespace miglint
