#include <fmt/core.h>
#include <fmt/ranges.h>

#include "sqlite/sqlite_support.h"

namespace miglint {

namespace {

bool changes_rows(const std::string& on_delete) {
  return on_delete == "cascade" || on_delete == "set null" || on_delete == "set default";
}

// "every row of `posts` that references `authors` is deleted (ON DELETE CASCADE on author_id)"
std::string harm(const schema::ReferencingTable& r) {
  const std::string columns = fmt::format("{}", fmt::join(r.columns, ", "));
  if (r.on_delete == "cascade") {
    return fmt::format("every row of `{}` that references `{}` is deleted (ON DELETE CASCADE on {})", r.table,
                       r.through, columns);
  }
  if (r.on_delete == "set null") {
    return fmt::format("{} of `{}` is set to NULL in every row that references `{}` (ON DELETE SET NULL)", columns,
                       r.table, r.through);
  }
  return fmt::format("{} of `{}` is reset to its default in every row that references `{}` (ON DELETE SET DEFAULT)",
                     columns, r.table, r.through);
}

}  // namespace

void check_sqlite_rebuild_deletes_rows(const Context& ctx, Reporter& out) {
  const sqlite_rules::MigratorFacts facts = sqlite_rules::migrator_facts(ctx.folder);
  sqlite_rules::for_each_migration_with_drops(ctx, facts, [&](const sqlite_rules::MigrationDrops& m) {
    for (const schema::TableDrop& drop : m.report.drops) {
      if (!drop.foreign_keys_enforced) continue;
      std::vector<std::string> harms, harmed, blockers;
      for (const schema::ReferencingTable& r : drop.referencing) {
        if (!r.may_hold_rows || r.dropped_unread || r.restored) continue;
        if (changes_rows(r.on_delete)) {
          harms.push_back(harm(r));
          harmed.push_back(fmt::format("`{}`", r.table));
        } else {
          blockers.push_back(fmt::format("`{}`", r.table));
        }
      }
      if (harms.empty()) continue;
      const std::string unless =
          blockers.empty() ? ""
                           : fmt::format(" (unless a row of {} references a deleted row: the DROP then fails instead)",
                                         fmt::join(blockers, " or "));
      Finding& f = out.report(
          sqlite_rules::drop_location(*m.sql, drop),
          fmt::format("{}: {} deletes every row of `{}` first, since {}; migrate reports success{}{}",
                      fmt::join(harms, "; "), sqlite_rules::describe_drop(drop), drop.table,
                      sqlite_rules::why_enforced(m, drop, facts), unless, m.caveat.empty() ? "" : ". " + m.caveat),
          m.sql->tag);
      f.help = fmt::format(
          "Keep the rows by running the rebuild with foreign keys really off, as drizzle's libsql migrator does. With "
          "better-sqlite3 (or any driver whose connection you hold), turn them off "
          "on the connection before calling migrate() and back on after it (`PRAGMA foreign_keys=OFF` outside any "
          "transaction), then run `PRAGMA foreign_key_check`. Or, with better-sqlite3's migrator only, end its "
          "transaction around the rebuild: `COMMIT;`, `PRAGMA foreign_keys=OFF;`, `BEGIN;` (each a statement of its "
          "own) before it, and `COMMIT;`, `PRAGMA foreign_keys=ON;`, `BEGIN;` after it; the migrations before it are "
          "then committed even if a later one fails. D1 and Durable Objects enforce foreign keys always: there, avoid "
          "the rebuild (ALTER TABLE ADD, RENAME or DROP COLUMN where they suffice), or copy the rows of {} aside "
          "(CREATE TABLE ... AS SELECT) before the DROP and restore them after the rename.",
          fmt::join(harmed, ", "));
    }
  });
}

}  // namespace miglint
