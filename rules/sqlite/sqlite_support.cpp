#include "sqlite/sqlite_support.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

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
          "drizzle-orm's SQLite migrators, which run all pending migrations in one transaction: those for "
          "better-sqlite3, D1 and Durable Objects, whose connections enforce foreign keys, and those for bun, expo, "
          "op-sqlite and sql.js where the application turned them on (they start off); not its libsql and Turso "
          "migrator, whose migrate() turns foreign keys off itself";
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
          "drizzle-orm's D1 migrator, which sends all pending migrations as one batch that D1 runs in one "
          "transaction, on D1, which always enforces foreign keys";
      facts.cloudflare = true;
      break;
    case SqliteDriver::DurableSqlite:
      facts.who =
          "drizzle-orm's Durable Objects migrator, which runs all pending migrations in one storage transaction, on "
          "Durable Objects, which always enforce foreign keys";
      facts.cloudflare = true;
      break;
    case SqliteDriver::Expo:
    case SqliteDriver::OpSqlite:
    case SqliteDriver::Bun:
    case SqliteDriver::SqlJs:
      facts.who = fmt::format(
          "drizzle-orm's {} migrator, which runs all pending migrations in one transaction, "
          "once the application turned foreign keys on ({} starts with them off)",
          sqlite_driver_name(driver), sqlite_driver_name(driver));
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
  if (auto parents = ctx.schema().v1_schema_before(ctx.folder.migrations[index])) return std::move(*parents);
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

// `DROP TABLE [IF EXISTS] other.t` with `other` a database the application attaches: foreign keys
// never cross databases, and miglint sees none of that database, so the drop is not judged.
bool drops_in_other_database(const SqlFile& sql, const schema::TableDrop& drop) {
  const std::string_view text =
      std::string_view(sql.file.bytes()).substr(drop.statement_begin, drop.statement_end - drop.statement_begin);
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  const auto word = [&]() -> std::string {  // one identifier, unquoted and lower-cased
    skip_space();
    std::string out;
    if (i < text.size() && (text[i] == '"' || text[i] == '`' || text[i] == '[')) {
      const char close = text[i] == '[' ? ']' : text[i];
      const std::size_t end = text.find(close, i + 1);
      out = std::string(text.substr(i + 1, (end == std::string_view::npos ? text.size() : end) - i - 1));
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) out += text[i++];
    }
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  word();  // DROP
  word();  // TABLE
  std::string name = word();
  if (name == "if") {
    word();  // EXISTS
    name = word();
  }
  skip_space();
  return i < text.size() && text[i] == '.' && name != "main";
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
    std::erase_if(m.report.drops, [&](const schema::TableDrop& d) { return drops_in_other_database(*sql, d); });
    std::erase_if(m.report.unjudged, [&](const schema::TableDrop& d) { return drops_in_other_database(*sql, d); });
    if (!m.report.drops.empty() || !m.report.unjudged.empty()) visit(m);
  }
}

void report_unjudged(const MigrationDrops& m, Reporter& out) {
  if (m.report.unjudged.empty()) return;
  std::vector<std::string> tables;
  for (const schema::TableDrop& d : m.report.unjudged) tables.push_back(fmt::format("`{}`", d.table));
  // The drop finder's own words for a chunk it cannot run; else SQLite's.
  const std::string why =
      m.report.stopped_at.starts_with("a chunk ")
          ? fmt::format("miglint stops reading the migration here ({})", m.report.stopped_at)
          : fmt::format("SQLite refuses this statement where miglint runs the migration ({}), though the "
                        "application's connection may hold what it lacks (an attached database, a module or a "
                        "function it registers)",
                        m.report.stopped_at);
  out.report_as(Severity::Info, statement_location(*m.sql, m.report.stopped_begin, m.report.stopped_end),
                fmt::format("the DROP TABLE of {} after this statement {} not judged: {}, so the foreign keys "
                            "standing at {} are unknown",
                            fmt::join(tables, ", "), tables.size() == 1 ? "is" : "are", why,
                            tables.size() == 1 ? "that drop" : "those drops"),
                m.sql->tag);
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

bool violations_forgotten(const MigrationDrops& m, const schema::TableDrop& drop) {
  if (!drop.inside_transaction) return false;  // each statement commits on its own: nothing waits
  bool deferred = false;
  for (const schema::PragmaUse& p : m.report.pragmas) {
    if (p.name != "defer_foreign_keys" || p.value.empty() || !p.inside_transaction) continue;
    const bool on = p.value == "on" || p.value == "1" || p.value == "true" || p.value == "yes";
    if (p.statement_begin < drop.statement_begin) deferred = on;
    else if (deferred && !on) return true;
  }
  return false;
}

std::string keep_rows_help(const MigratorFacts& facts, const std::string& harmed_tables) {
  const std::string copy_aside = fmt::format(
      "copy the rows of {} aside (CREATE TABLE ... AS SELECT) before the DROP and put them back after the rename "
      "(INSERT INTO ... SELECT), or avoid the rebuild (ALTER TABLE ADD, RENAME or DROP COLUMN where they suffice)",
      harmed_tables);
  if (facts.cloudflare) {
    return fmt::format(
        "D1 and Durable Objects enforce foreign keys always and refuse a migration's own COMMIT and BEGIN, and "
        "`PRAGMA defer_foreign_keys` does not stop ON DELETE actions: {}.",
        copy_aside);
  }
  return fmt::format(
      "Keep the rows by running the rebuild with foreign keys really off, as drizzle's libsql migrator does. With "
      "better-sqlite3 (or any driver whose connection you hold), turn them off on the connection before calling "
      "migrate() and back on after it (`PRAGMA foreign_keys=OFF` outside any transaction), then run `PRAGMA "
      "foreign_key_check`. Or, with better-sqlite3's migrator only, end its transaction around the rebuild: "
      "`COMMIT;`, `PRAGMA foreign_keys=OFF;`, `BEGIN;` (each a statement of its own) before it, and `COMMIT;`, "
      "`PRAGMA foreign_keys=ON;`, `BEGIN;` after it; the migrations before it are then committed even if a later "
      "one fails. `PRAGMA defer_foreign_keys` does not help: ON DELETE actions still run. On D1 and Durable Objects "
      "(foreign keys always on, COMMIT and BEGIN refused), {}.",
      copy_aside);
}

std::string unblock_help(const MigratorFacts& facts) {
  const std::string defer =
      "set `PRAGMA defer_foreign_keys=ON` before the rebuild and `PRAGMA defer_foreign_keys=OFF` after it, in the "
      "migration: turning it off forgets the violations the DROP counted, so the children keep their rows (it "
      "forgets any other violation made in between too: run `PRAGMA foreign_key_check` after migrate). `=ON` alone "
      "only moves the failure to the COMMIT";
  if (facts.cloudflare) {
    return fmt::format(
        "D1 and Durable Objects enforce foreign keys always and refuse a migration's own COMMIT and BEGIN. There, "
        "{}. Or avoid the rebuild (ALTER TABLE ADD, RENAME or DROP COLUMN where they suffice).",
        defer);
  }
  return fmt::format(
      "Run the rebuild with foreign keys really off, as drizzle's libsql migrator does. With better-sqlite3 (or "
      "any driver whose connection you hold), turn them off on the connection before calling migrate() and back on "
      "after it (`PRAGMA foreign_keys=OFF` outside any transaction), then run `PRAGMA foreign_key_check`. Or, with "
      "better-sqlite3's migrator only, end its transaction around the rebuild: `COMMIT;`, `PRAGMA "
      "foreign_keys=OFF;`, `BEGIN;` (each a statement of its own) before it, and `COMMIT;`, `PRAGMA "
      "foreign_keys=ON;`, `BEGIN;` after it. Or, with any driver (the only way on D1 and Durable Objects), {}.",
      defer);
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
