#include <fmt/core.h>
#include <fmt/ranges.h>

#include "sqlite/sqlite_support.h"

namespace miglint {

void check_sqlite_rebuild_blocked_by_foreign_key(const Context& ctx, Reporter& out) {
  const sqlite_rules::MigratorFacts facts = sqlite_rules::migrator_facts(ctx.folder);
  sqlite_rules::for_each_migration_with_drops(ctx, facts, [&](const sqlite_rules::MigrationDrops& m) {
    for (const schema::TableDrop& drop : m.report.drops) {
      // With the deferred violations forgotten before COMMIT, the drop fails nothing.
      if (!drop.foreign_keys_enforced || sqlite_rules::violations_forgotten(m, drop)) continue;
      std::vector<std::string> blockers;
      for (const schema::ReferencingTable& r : drop.referencing) {
        if (!r.may_hold_rows || r.on_delete == "cascade" || r.on_delete == "set null" || r.on_delete == "set default") {
          continue;
        }
        const std::string action = r.on_delete == "restrict" ? "RESTRICT" : "NO ACTION";
        blockers.push_back(
            r.through == drop.table
                ? fmt::format("`{}` (ON DELETE {} on {})", r.table, action, fmt::join(r.columns, ", "))
                : fmt::format("`{}` referencing a row of `{}` that the cascade deletes (ON DELETE {} on {})", r.table,
                              r.through, action, fmt::join(r.columns, ", ")));
      }
      if (blockers.empty()) continue;
      Finding& f = out.report(
          sqlite_rules::drop_location(*m.sql, drop),
          fmt::format(
              "migrate fails with \"FOREIGN KEY constraint failed\" as soon as a row exists in {}, and the whole "
              "batch rolls back: {} deletes every row of `{}` first, since {}{}",
              fmt::join(blockers, ", or "), sqlite_rules::describe_drop(drop), drop.table,
              sqlite_rules::why_enforced(m, drop, facts), m.caveat.empty() ? "" : ". " + m.caveat),
          m.sql->tag);
      f.help = sqlite_rules::unblock_help(facts);
    }
  });
}

}  // namespace miglint
