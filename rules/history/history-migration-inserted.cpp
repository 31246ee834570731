#include <fmt/core.h>

#include "core/js_number_to_string.h"
#include "engine/rule_api.h"
#include "history_support.h"

namespace miglint {

void check_history_migration_inserted(const Context& ctx, Reporter& out) {
  const CommittedFolder& committed = *ctx.committed;
  const std::vector<JournalEntry>& entries = ctx.folder.journal.entries;
  // The last committed entry as the journal places it now, and the highest committed when.
  const JournalEntry* last_committed = nullptr;
  const JournalEntry* newest_committed = nullptr;  // at REF
  for (const JournalEntry& e : entries) {
    if (e.tag && committed.entry_at_ref(e.tag->value)) last_committed = &e;
  }
  for (const JournalEntry& e : committed.journal.entries) {
    if (e.when && (!newest_committed || e.when->value > newest_committed->when->value)) newest_committed = &e;
  }
  for (const JournalEntry& e : entries) {
    if (!e.tag || committed.entry_at_ref(e.tag->value)) continue;  // committed, or unnamed (journal-malformed)
    // By when: the migrator's own test, and what decides whether a database ever runs it.
    if (e.when && newest_committed && e.when->value <= newest_committed->when->value) {
      Finding& f = out.report(
          e.when->where,
          fmt::format("{} is new since {} and has when {}, not above the {} of the committed {}: drizzle's migrator "
                      "skips it on every database that has applied {}",
                      history::quoted_tag(e), history::at_ref(committed), js_number_to_string(e.when->value),
                      js_number_to_string(newest_committed->when->value), history::quoted_tag(*newest_committed),
                      history::quoted_tag(*newest_committed)),
          e.tag->value);
      f.help = "Regenerate it on top of the committed migrations (delete its entry, SQL file and snapshot, then "
               "drizzle-kit generate), which gives it the next idx and a current when.";
      continue;
    }
    if (last_committed && e.position < last_committed->position) {
      Finding& f = out.report(
          e.idx ? e.idx->where : e.where,
          fmt::format("{} is new since {} but placed before the committed {}: new databases run it in another order "
                      "than databases that already applied the committed migrations",
                      history::quoted_tag(e), history::at_ref(committed), history::quoted_tag(*last_committed)),
          e.tag->value);
      f.help = "Move it after the last committed migration (regenerate it on top of them with drizzle-kit generate).";
    }
  }
}

}  // namespace miglint
