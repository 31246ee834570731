#include <cstdio>

#include "engine/rule_api.h"

namespace miglint {

namespace {
std::string milliseconds(double when) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", when);
  return buf;
}
}  // namespace

void check_journal_when_not_increasing(const Context& ctx, Reporter& out) {
  // The migrator applies an entry only if its when exceeds the newest recorded created_at,
  // so each entry must exceed every earlier one, not just its neighbour.
  const JournalEntry* newest = nullptr;
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.when) continue;
    if (newest && e.when->value <= newest->when->value) {
      std::string name = e.tag ? "\"" + e.tag->value + "\"" : "entry " + std::to_string(e.position);
      std::string other = newest->tag ? "\"" + newest->tag->value + "\"" : "entry " + std::to_string(newest->position);
      Finding& f = out.report(
          e.when->where,
          name + " has when " + milliseconds(e.when->value) + (e.when->value == newest->when->value ? ", equal to" : ", not above") +
              " the " + milliseconds(newest->when->value) + " of earlier " + other +
              "; drizzle's migrator silently skips it on every database that has already applied " + other);
      f.help =
          "Give this entry a when above " + milliseconds(newest->when->value) +
          " (for a migration not yet applied anywhere, regenerate it on top of the merged branch; or set its when to "
          "the current time in milliseconds). Where it was already skipped, apply its SQL and record it by hand.";
      if (e.tag) f.migration = e.tag->value;
    }
    if (!newest || e.when->value > newest->when->value) newest = &e;
  }
}

}  // namespace miglint
