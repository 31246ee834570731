#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"
#include "schema/replay.h"
#include "sqlite/sqlite_support.h"

namespace miglint {

namespace {

// Refusals that say nothing about the migrations: the application loads extensions, registers
// functions and collations, or attaches databases on its own connection before migrate() runs.
bool depends_on_the_connection(std::string_view refused) {
  for (std::string_view prefix : {"no such module", "no such function", "no such collation", "unknown database"}) {
    if (refused.starts_with(prefix)) return true;
  }
  return false;
}

const schema::StatementEffect* first_failure(const std::vector<schema::StatementEffect>& effects) {
  auto it = std::find_if(effects.begin(), effects.end(),
                         [](const schema::StatementEffect& e) { return e.fails && !e.refused.empty(); });
  return it == effects.end() ? nullptr : &*it;
}

// The statement that starts at `begin`.
Location statement_at(const SqlFile& sql, std::size_t begin) {
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      if (s.begin == begin) return sqlite_rules::statement_location(sql, begin, s.end);
    }
  }
  return sql.file.location(begin, begin);
}

}  // namespace

void check_sqlite_statement_fails(const Context& ctx, Reporter& out) {
  const std::vector<schema::MigrationSchemas>& steps = ctx.schema().steps();
  // The SQL of every migration run in order on an empty database, in SQLite itself, as migrate()
  // runs it on a new one. The first refusal ends the run, as it ends migrate().
  schema::Schema fresh;
  for (std::size_t i = 0; i < ctx.folder.migrations.size(); ++i) {
    const Migration& migration = ctx.folder.migrations[i];
    if (!migration.sql) return;  // a missing file: sql-file-missing says the migrator throws there
    const SqlFile& sql = *migration.sql;
    schema::ReplayResult result = schema::replay(std::move(fresh), sql, Dialect::SQLite);
    const schema::StatementEffect* failure = first_failure(result.effects);
    if (!failure) {
      fresh = std::move(result.after);
      continue;
    }
    // An empty chunk or one of several statements: the driver refuses the chunk before SQLite reads
    // it, and sql-empty-statement / sql-missing-breakpoint say so.
    if (depends_on_the_connection(failure->refused) || failure->refused.starts_with("the chunk holds")) return;
    // The other road: the same SQL on the previous snapshot's schema. Where it runs there, the
    // snapshots and the SQL disagree about what came before (schema-sql-snapshot-mismatch says
    // where), and which of them the databases follow is not known here.
    const schema::MigrationSchemas* step = i < steps.size() && steps[i].migration == &migration ? &steps[i] : nullptr;
    if (step && step->effects) {
      auto same = std::find_if(step->effects->begin(), step->effects->end(), [&](const schema::StatementEffect& e) {
        return e.statement_begin == failure->statement_begin;
      });
      if (same == step->effects->end() || !same->fails) return;
    }
    Finding& f = out.report(
        statement_at(sql, failure->statement_begin),
        fmt::format("SQLite refuses this statement on the schema the earlier migrations build ({}): migrate stops here "
                    "on every new database and on every database those migrations built, and rolls the whole run back",
                    failure->refused),
        sql.tag);
    f.help =
        "Make the statement fit the schema as the earlier migrations leave it (in a rebuild, copy only the columns the "
        "old table has), then run the folder's migrations on an empty database to check. Drivers that read an unknown "
        "double-quoted name as a string (expo-sqlite, the sqlite3 shell) do not refuse it: they store the name itself "
        "as text in every row instead.";
    return;
  }
}

}  // namespace miglint
