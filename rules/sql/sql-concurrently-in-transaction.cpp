#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// Statements PostgreSQL refuses inside a transaction block, by their parse tree.
const char* refused_in_transaction(const SqlStatement& s) {
  auto has = [&](const char* text) { return s.tree.find(text) != std::string::npos; };
  if (s.kind == "IndexStmt" && has("\"concurrent\":true")) return "CREATE INDEX CONCURRENTLY";
  if (s.kind == "DropStmt" && has("\"concurrent\":true")) return "DROP INDEX CONCURRENTLY";
  if (s.kind == "ReindexStmt" && has("\"defname\":\"concurrently\"")) return "REINDEX CONCURRENTLY";
  if (s.kind == "VacuumStmt") return has("\"is_vacuumcmd\":true") ? "VACUUM" : nullptr;
  if (s.kind == "CreatedbStmt") return "CREATE DATABASE";
  if (s.kind == "DropdbStmt") return "DROP DATABASE";
  if (s.kind == "AlterSystemStmt") return "ALTER SYSTEM";
  if (s.kind == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
  if (s.kind == "DropTableSpaceStmt") return "DROP TABLESPACE";
  if (s.kind == "CreateSubscriptionStmt" && !has("\"defname\":\"create_slot\"")) return "CREATE SUBSCRIPTION";
  if (s.kind.empty() && s.first_word == "VACUUM") return "VACUUM";  // SQLite refuses it in a transaction too
  return nullptr;
}

}  // namespace

void check_sql_concurrently_in_transaction(const Context& ctx, Reporter& out) {
  const Migrator migrator = ctx.folder.migrator;
  const char* why = migrator == Migrator::Drizzle
                        ? "drizzle's migrator runs every pending migration in one: migrate fails here and rolls back "
                          "the whole batch"
                        : "the migrator (migrator = \"per-migration\") runs each migration in one: migrate fails "
                          "here and rolls back this migration";
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    // A COMMIT in the file (itself sql-transaction-control's error) ends the migrator's transaction:
    // what follows it runs outside one, until a BEGIN. Each file is judged as if it ran first.
    bool in_transaction = migrator != Migrator::None;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (const auto control = transaction_control(s); control && control->change)
          in_transaction = control->change > 0;
        const char* what = refused_in_transaction(s);
        // PostgreSQL runs a query of several statements as one transaction (parsed statements have a kind).
        const bool in_implicit = !in_transaction && chunk.statements.size() > 1 && !s.kind.empty();
        if (!what || !(in_transaction || in_implicit)) continue;
        const std::string message =
            in_transaction && migrator != Migrator::None
                ? fmt::format("{} cannot run inside a transaction, and {}", what, why)
            : in_transaction
                ? fmt::format("{} cannot run inside a transaction, and this one runs after a BEGIN: it fails here",
                              what)
                : fmt::format("{} cannot run inside a transaction, and PostgreSQL runs this chunk's {} statements "
                              "(no --> statement-breakpoint between them) as one: it fails here",
                              what, chunk.statements.size());
        out.report(sql.file.location(s.begin, s.begin + 1), message, sql.tag).help =
            migrator == Migrator::None
                ? "Give the statement a chunk of its own (--> statement-breakpoint before and after it), outside "
                  "any BEGIN ... COMMIT."
                : fmt::format("Run this statement outside {} (a separate script or a deploy step), and keep the "
                  "migration to what can run in a transaction; for an index, a plain CREATE INDEX works but locks "
                              "writes while it builds.",
                              migrator == Migrator::Drizzle ? "drizzle's migrate" : "the migrator");
      }
    }
  }
}

}  // namespace miglint
