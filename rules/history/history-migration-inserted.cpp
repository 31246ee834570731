#include <fmt/core.h>

#include "core/js_number_to_string.h"
#include "engine/rule_api.h"
#include "history_support.h"

namespace miglint {

namespace {

// Drizzle Kit 1.0: the migrator applies every folder whose name a database has not recorded, in
// name order, wherever it sorts. A new name sorting before a committed one is not skipped (as 0.x
// does) but run out of order on databases that ran the committed one, and in order on new ones.
void check_inserted_v1(const Context& ctx, Reporter& out) {
  const CommittedFolder& committed = *ctx.committed;
  if (committed.migration_folders.empty()) return;
  const std::string& newest = committed.migration_folders.back();
  for (const Migration& m : ctx.folder.migrations) {
    if (!m.name || committed.migration_folder_at_ref(*m.name) || *m.name >= newest) continue;
    Finding& f = out.report(
        m.where,
        fmt::format("{} is new since {} and its name sorts before the committed {}: drizzle-orm 1.0's migrate applies "
                    "it anyway on databases that already ran {}, after it and out of order, while new databases run "
                    "it before {}; the two orders must leave the same schema",
                    *m.name, history::at_ref(committed), newest, newest, newest),
        *m.name);
    f.help = fmt::format(
        "If no database has applied it yet, rename its folder with a time after {} (drizzle-kit generate names it "
        "by the clock), so that every database runs it last.",
        newest);
  }
}

}  // namespace

void check_history_migration_inserted(const Context& ctx, Reporter& out) {
  if (history::is_v1(ctx.folder)) return check_inserted_v1(ctx, out);
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
