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
    // Said by this rule only, so that running both rebuild rules says it once.
    sqlite_rules::report_unjudged(m, out);
    for (const schema::TableDrop& drop : m.report.drops) {
      if (!drop.foreign_keys_enforced) continue;
      std::vector<std::string> harms, harmed, blockers;
      const bool forgotten = sqlite_rules::violations_forgotten(m, drop);
      for (const schema::ReferencingTable& r : drop.referencing) {
        if (!r.may_hold_rows || r.dropped_unread || r.restored) continue;
        if (changes_rows(r.on_delete)) {
          harms.push_back(harm(r));
          harmed.push_back(fmt::format("`{}`", r.table));
        } else if (!forgotten) {
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
      f.help = sqlite_rules::keep_rows_help(facts, fmt::format("{}", fmt::join(harmed, ", ")));
    }
  });
}

}  // namespace miglint
