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
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    // A COMMIT in the file (itself sql-transaction-control's error) ends the migrator's transaction:
    // what follows it runs outside one, until a BEGIN. Each file is judged as if it ran first.
    bool in_transaction = true;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (const auto control = transaction_control(s); control && control->change)
          in_transaction = control->change > 0;
        const char* what = refused_in_transaction(s);
        if (!what || !in_transaction) continue;
        out.report(sql.file.location(s.begin, s.begin + 1),
                   fmt::format("{} cannot run inside a transaction, and drizzle's migrator runs every pending "
                               "migration in one: migrate fails here and rolls back the whole batch",
                               what),
                   sql.tag)
            .help =
            "Run this statement outside drizzle's migrate (a separate script or a deploy step), and keep the "
            "migration to what can run in a transaction; for an index, a plain CREATE INDEX works but locks "
            "writes while it builds.";
      }
    }
  }
}

}  // namespace miglint
