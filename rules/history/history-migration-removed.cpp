#include <algorithm>

#include <fmt/core.h>

#include "engine/rule_api.h"
#include "history_support.h"

namespace miglint {

namespace {

// A migration new since REF whose SQL is what `name` held at REF: the folder renamed, which the 1.0
// migrator, matching by name, takes for a new migration.
const Migration* renamed_to(const Folder& folder, const CommittedFolder& committed, const std::string& name) {
  const std::string* before = committed.sql_at_ref(fmt::format("{}/migration.sql", name));
  if (!before) return nullptr;
  for (const Migration& m : folder.migrations) {
    if (m.name && m.sql && !m.sql->unreadable && !committed.migration_folder_at_ref(*m.name) &&
        same_sql(*before, m.sql->file.bytes())) {
      return &m;
    }
  }
  return nullptr;
}

// Drizzle Kit 1.0: a committed migration is gone when no folder of its name holds a migration.sql
// now (drizzle-orm 1.0's migrator passes over a recorded name it does not find, without a word).
void check_removed_v1(const Context& ctx, Reporter& out) {
  const CommittedFolder& committed = *ctx.committed;
  for (const std::string& name : committed.migration_folders) {
    const bool kept = std::any_of(ctx.folder.migrations.begin(), ctx.folder.migrations.end(),
                                  [&](const Migration& m) { return m.name && *m.name == name; });
    if (kept) continue;
    const Migration* renamed = renamed_to(ctx.folder, committed, name);
    if (renamed) {
      Finding& f = out.report(
          renamed->where,
          fmt::format("the migration {} was committed at {} and is now named {}: drizzle-orm 1.0's migrator knows "
                      "migrations by name, so databases that applied it as {} run it again as {}: migrate fails on what it already made, or makes it "
                      "twice",
                      name, history::at_ref(committed), *renamed->name, name, *renamed->name),
          name);
      const std::filesystem::path top(ctx.folder.display_path);
      f.help = fmt::format("Give the folder back its committed name (git mv {} {}).", (top / *renamed->name).generic_string(),
                           (top / name).generic_string());
      continue;
    }
    Finding& f = out.report(
        history::folder_location(ctx.folder),
        fmt::format("the migration {} (its folder's migration.sql) was committed at {} and is gone: databases that "
                    "applied it keep its changes, which no migration makes now (drizzle-orm 1.0's migrator passes "
                    "over its recorded name without a word), and new databases never get them",
                    name, history::at_ref(committed)),
        name);
    f.help = fmt::format(
        "Restore it (git checkout {} -- {}) and undo what it did in a new migration; a committed "
        "migration is history that databases already ran.",
        committed.ref, (std::filesystem::path(ctx.folder.display_path) / name).generic_string());
  }
}

}  // namespace

void check_history_migration_removed(const Context& ctx, Reporter& out) {
  if (history::is_v1(ctx.folder)) return check_removed_v1(ctx, out);
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
