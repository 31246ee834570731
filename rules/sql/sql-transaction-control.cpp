#include <fmt/core.h>

#include <cctype>
#include <set>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// With no transaction around migrations, BEGIN ... COMMIT is how a migration makes itself atomic;
// only a transaction the file opens and never ends is wrong: what runs after it joins it.
void report_unended_transaction(const SqlFile& sql, Reporter& out) {
  const SqlStatement* open = nullptr;
  const char* opened_by = nullptr;
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      const std::optional<TransactionControl> control = transaction_control(s);
      if (!control || control->change == 0) continue;
      open = control->change > 0 ? &s : nullptr;
      opened_by = control->name;
    }
  }
  if (!open) return;
  const std::string_view name = opened_by;
  out.report(sql.file.location(open->begin, open->begin + name.substr(0, name.find(' ')).size()),
             fmt::format("{} opens a transaction this migration never ends; the migrator (migrator = \"none\") "
                         "commits nothing itself, so the migrations after this one run inside it, and closing the "
                         "connection rolls them back with it",
                         name),
             sql.tag)
      .help = "End the transaction in the same migration: COMMIT after its last statement.";
}

// SQLite's known workaround for table rebuilds under drizzle's migrator: `COMMIT;`, `PRAGMA
// foreign_keys=...;`, `BEGIN;` as three consecutive statements. The PRAGMA then really takes
// effect; the COMMIT's cost is reported as a warning, once, at the COMMIT. Returns the statements
// that form such triples.
std::set<const SqlStatement*> foreign_keys_workarounds(const SqlFile& sql) {
  std::vector<const SqlStatement*> all;
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) all.push_back(&s);
  }
  std::set<const SqlStatement*> out;
  const std::string& bytes = sql.file.bytes();
  for (std::size_t i = 0; i + 2 < all.size(); ++i) {
    const std::optional<TransactionControl> ends = transaction_control(*all[i]);
    const std::optional<TransactionControl> begins = transaction_control(*all[i + 2]);
    const SqlStatement& pragma = *all[i + 1];
    std::string text = bytes.substr(pragma.begin, pragma.end - pragma.begin);
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ends && ends->change < 0 && std::string_view(ends->name) != "ROLLBACK" && begins && begins->change > 0 &&
        pragma.first_word == "PRAGMA" && text.find("foreign_keys") != std::string::npos) {
      out.insert({all[i], all[i + 2]});
    }
  }
  return out;
}

}  // namespace

void check_sql_transaction_control(const Context& ctx, Reporter& out) {
  const Migrator migrator = ctx.folder.migrator;
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    if (migrator == Migrator::None) {
      report_unended_transaction(sql, out);
      continue;
    }
    std::string_view whose = migrator == Migrator::Drizzle
                            ? "drizzle's migrator already runs all pending migrations in one transaction, so this "
                              "ends or breaks it and the rest of the batch is no longer atomic"
                            : "the migrator (migrator = \"per-migration\") already runs each migration in a "
                              "transaction of its own, so this ends or breaks it and the rest of the migration is "
                              "no longer atomic";
    // D1's batch and the Durable Objects' storage transaction refuse SQL transaction statements
    // (checked on workerd): migrate fails there, so the rebuild workaround is no workaround.
    const bool cloudflare = sql.flavor == SqlFlavor::Sqlite && migrator == Migrator::Drizzle &&
                            (ctx.folder.sqlite_driver == SqliteDriver::D1 ||
                             ctx.folder.sqlite_driver == SqliteDriver::DurableSqlite);
    if (cloudflare) {
      whose = "drizzle's D1 and Durable Objects migrators run all pending migrations in one transaction of "
              "Cloudflare's storage API, which refuses SQL transaction statements (\"To execute a transaction, "
              "please use the state.storage.transaction() ... APIs\"), so migrate fails here and the whole batch "
              "rolls back";
    }
    const std::set<const SqlStatement*> workarounds =
        sql.flavor == SqlFlavor::Sqlite && migrator == Migrator::Drizzle && !cloudflare
            ? foreign_keys_workarounds(sql)
            : std::set<const SqlStatement*>{};
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        const std::optional<TransactionControl> control = transaction_control(s);
        if (!control) continue;
        // PostgreSQL answers a BEGIN inside a transaction with a warning and changes nothing (after
        // a COMMIT it opens one that the migrator's own COMMIT ends): only the COMMIT or ROLLBACK
        // that goes with it does harm, and it is reported on its own.
        if (sql.flavor == SqlFlavor::Postgres && control->change > 0) continue;
        const std::string_view name = control->name;
        if (workarounds.contains(&s)) {
          if (control->change > 0) continue;  // the BEGIN of the triple: said at its COMMIT
          out.report_as(Severity::Warning, sql.file.location(s.begin, s.begin + name.size()),
                        fmt::format("{} with `PRAGMA foreign_keys` and BEGIN after it ends drizzle's transaction so "
                                    "that the PRAGMA takes effect (SQLite ignores it inside a transaction); the cost: "
                                    "the migrations before this point in the batch stay committed if a later one "
                                    "fails, and drizzle's libsql migrator refuses it (\"The transaction has been rolled "
                                    "back\")",
                                    name),
                        sql.tag)
              .help =
              "Keep it only where a table rebuild needs foreign keys off and better-sqlite3's migrator runs it; "
              "turning foreign keys off on the connection around migrate() gives the same without committing early.";
          continue;
        }
        out.report(sql.file.location(s.begin, s.begin + name.substr(0, name.find(' ')).size()),
                   fmt::format("{}: {}", name, whose), sql.tag)
            .help = migrator == Migrator::Drizzle
                        ? "Remove it. A statement that must run outside a transaction has to run outside drizzle's "
                          "migrate."
                        : "Remove it. A statement that must run outside a transaction has to run outside the "
                          "migrator.";
      }
    }
  }
}

}  // namespace miglint
