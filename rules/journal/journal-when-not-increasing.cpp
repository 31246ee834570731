#include <algorithm>
#include <vector>

#include <fmt/core.h>

#include "core/js_number_to_string.h"
#include "engine/rule_api.h"

namespace miglint {

namespace {

// How a message names an entry: by its tag, or by its place when it has none.
std::string entry_name(const JournalEntry& e) {
  return e.tag ? fmt::format("\"{}\"", e.tag->value) : fmt::format("entry {}", e.position);
}
}  // namespace

void check_journal_when_not_increasing(const Context& ctx, Reporter& out) {
  // The migrator applies an entry only if its when exceeds the newest recorded created_at,
  // so each entry must exceed every earlier one, not just its neighbour.
  // A runner of the team's own tells migrations apart by name or hash: the order of when is its own affair.
  if (ctx.folder.migrator != Migrator::Drizzle) return;
  const JournalEntry* newest = nullptr;
  std::vector<const JournalEntry*> earlier;  // with a when, in journal order
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.when) continue;
    if (newest && e.when->value <= newest->when->value) {
      const char* relation = e.when->value == newest->when->value ? "equal to" : "not above";
      // A database skips it once it has applied any entry whose when reaches it: the first of those
      // may come well before the newest.
      const JournalEntry* first_reaching =
          *std::find_if(earlier.begin(), earlier.end(), [&](const JournalEntry* p) { return p->when->value >= e.when->value; });
      Finding& f = out.report(
          e.when->where,
          fmt::format("{0} has when {1}, {2} the {3} of earlier {4}; drizzle's migrator silently skips it on every "
                      "database that has already applied {5}",
                      entry_name(e), js_number_to_string(e.when->value), relation,
                      js_number_to_string(newest->when->value), entry_name(*newest),
                      entry_name(*first_reaching)));
      f.help = fmt::format(
          "Give this entry a when above {} (for a migration not yet applied anywhere, regenerate it on top of the "
          "merged branch; or set its when to the current time in milliseconds). Where it was already skipped, apply "
          "its SQL and record it by hand.",
          js_number_to_string(newest->when->value));
      if (e.tag) f.migration = e.tag->value;
    }
    if (!newest || e.when->value > newest->when->value) newest = &e;
    earlier.push_back(&e);
  }
}

}  // namespace miglint
