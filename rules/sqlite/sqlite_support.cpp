#include "sqlite/sqlite_support.h"

#include <fmt/core.h>

#include <cctype>

#include "schema/from_snapshot.h"

namespace miglint::sqlite_rules {

namespace {

// libsql's own `ALTER TABLE t ALTER COLUMN c TO ...`, which drizzle-kit writes for dialect "turso"
// and which no other SQLite runs: a folder holding one is migrated by libsql.
bool holds_libsql_alter_column(const Folder& folder) {
  for (const Migration& m : folder.migrations) {
    if (!m.sql || m.sql->unreadable) continue;
    const std::string& bytes = m.sql->file.bytes();
    for (const SqlChunk& chunk : m.sql->sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (s.first_word != "ALTER" || s.second_word != "TABLE") continue;
        std::string text = bytes.substr(s.begin, s.end - s.begin);
        for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (text.find(" ALTER COLUMN ") != std::string::npos) return true;
      }
    }
  }
  return false;
}

}  // namespace

MigratorFacts migrator_facts(const Folder& folder) {
  MigratorFacts facts;
  SqliteDriver driver = folder.sqlite_driver;
  if (driver == SqliteDriver::Unknown && holds_libsql_alter_column(folder)) driver = SqliteDriver::Libsql;
  switch (driver) {
    case SqliteDriver::Unknown:
      facts.who =
          "drizzle-orm's SQLite migrators for better-sqlite3, D1, Durable Objects, expo, op-sqlite, bun and sql.js, "
          "which run all pending migrations in one transaction (not its libsql and Turso migrator: libsql's "
          "migrate() turns foreign keys off itself)";
      break;
    case SqliteDriver::BetterSqlite3:
      facts.who =
          "drizzle-orm's better-sqlite3 migrator, which runs all pending migrations in one transaction on a "
          "connection that better-sqlite3's build opens with foreign keys on";
      break;
    case SqliteDriver::Libsql:
      // client.migrate() runs `PRAGMA foreign_keys=off` before its transaction: rebuilds keep rows.
      facts.who = "drizzle-orm's libsql migrator, which runs all pending migrations in one transaction";
      facts.enforced = false;
      break;
    case SqliteDriver::D1:
      facts.who =
          "drizzle-orm's D1 migrator, which runs all pending migrations in one batch, on D1, which always "
          "enforces foreign keys";
      break;
    case SqliteDriver::DurableSqlite:
      facts.who =
          "drizzle-orm's Durable Objects migrator, which runs all pending migrations in one transaction, on "
          "Durable Objects, which always enforce foreign keys";
      break;
    case SqliteDriver::Expo:
    case SqliteDriver::OpSqlite:
    case SqliteDriver::Bun:
    case SqliteDriver::SqlJs:
      facts.who = fmt::format(
          "drizzle-orm's {} migrator, which runs all pending migrations in one transaction, "
          "once the application turned foreign keys on",
          sqlite_driver_name(driver));
      break;
  }
  if (folder.migrator == Migrator::PerMigration) {
    facts.who = "the migrator (migrator = \"per-migration\"), which runs each migration in a transaction";
  } else if (folder.migrator == Migrator::None) {
    facts.who = "the migrator (migrator = \"none\"), which runs no transaction";
    facts.in_transaction = false;
  }
  return facts;
}

namespace {

// The schema just before migration `index`: the previous migration's snapshot, or else the SQL
// of the migrations before it replayed.
schema::Schema schema_before(const Context& ctx, std::size_t index, std::string& caveat) {
  if (index == 0) return {};
  const Migration& previous = ctx.folder.migrations[index - 1];
  const Snapshot* snapshot = previous.snapshot;
  if (snapshot && snapshot->schema && snapshot->schema->modelled() && snapshot->schema->dialect == Dialect::SQLite) {
    return snapshot->schema->whole();
  }
  schema::Schema replayed = ctx.schema().replay_sql_through(index);
  caveat = replayed.everything_unknown
               ? "The snapshot before this migration is missing or unreadable and the SQL before it could not all "
                 "be replayed, so references made by statements miglint could not follow are not judged."
               : "The snapshot before this migration is missing or unreadable: the references were read from the "
                 "SQL of the migrations before it, replayed.";
  return replayed;
}

}  // namespace

void for_each_migration_with_drops(const Context& ctx, const MigratorFacts& facts,
                                   const std::function<void(const MigrationDrops&)>& visit) {
  const std::vector<Migration>& migrations = ctx.folder.migrations;
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const SqlFile* sql = migrations[i].sql;
    if (!sql || sql->unreadable || !schema::mentions_drop_table(*sql)) continue;
    MigrationDrops m;
    m.migration = &migrations[i];
    m.sql = sql;
    const schema::Schema before = schema_before(ctx, i, m.caveat);
    m.report = schema::sqlite_table_drops(before, *sql, facts.enforced, facts.in_transaction);
    if (!m.report.drops.empty()) visit(m);
  }
}

std::string describe_drop(const schema::TableDrop& drop) {
  if (!drop.replaced_by.empty() && drop.replaced_by.starts_with("__new_")) {
    return fmt::format("DROP TABLE `{}`, in drizzle-kit's rebuild of `{}` through `{}`,", drop.table, drop.table,
                       drop.replaced_by);
  }
  if (!drop.replaced_by.empty()) {
    return fmt::format("DROP TABLE `{}`, in a rebuild that renames `{}` to `{}` after it,", drop.table,
                       drop.replaced_by, drop.table);
  }
  if (!drop.was_named.empty()) {
    return fmt::format(
        "DROP TABLE `{}` (`{}` renamed earlier in the migration, so the tables that referenced `{}` now "
        "reference it)",
        drop.table, drop.was_named, drop.was_named);
  }
  return fmt::format("DROP TABLE `{}`", drop.table);
}

std::string why_enforced(const MigrationDrops& m, const schema::TableDrop& drop, const MigratorFacts& facts) {
  bool pragma_off = false;
  const schema::PragmaUse* last = nullptr;  // the last foreign_keys PRAGMA before the drop
  for (const schema::PragmaUse& p : m.report.pragmas) {
    if (p.statement_begin >= drop.statement_begin || p.name != "foreign_keys" || p.value.empty()) continue;
    pragma_off = pragma_off || p.value == "off" || p.value == "0" || p.value == "false" || p.value == "no";
    last = &p;
  }
  if (drop.inside_transaction) {
    return pragma_off ? fmt::format("`PRAGMA foreign_keys=OFF` has no effect inside the transaction of {}", facts.who)
                      : fmt::format("foreign keys stay on under {}", facts.who);
  }
  if (last && !last->inside_transaction && pragma_off && last->value != "off") {
    return fmt::format("the file's `PRAGMA foreign_keys=ON` before it turned them back on under {}", facts.who);
  }
  return fmt::format("foreign keys stay on under {}: the file does not turn them off before it", facts.who);
}

Location statement_location(const SqlFile& sql, std::size_t begin, std::size_t end) {
  const std::string& bytes = sql.file.bytes();
  while (end > begin && (bytes[end - 1] == ';' || bytes[end - 1] == ' ' || bytes[end - 1] == '\n')) --end;
  return sql.file.location(begin, end);
}

Location drop_location(const SqlFile& sql, const schema::TableDrop& drop) {
  return statement_location(sql, drop.statement_begin, drop.statement_end);
}

}  // namespace miglint::sqlite_rules
