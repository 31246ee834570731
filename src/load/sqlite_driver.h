// Which drizzle SQLite driver's migrator runs a folder's migrations: it decides whether foreign keys
// are on while they run (the sqlite rules say which migrators a finding applies to). Read from
// drizzle.config ("driver", or dialect "turso"), --driver or .miglint.toml; unknown by default.
#pragma once

#include <optional>
#include <string_view>

namespace miglint {

enum class SqliteDriver {
  Unknown,        // any of drizzle's SQLite migrators
  BetterSqlite3,  // BEGIN ... COMMIT on the connection; its build turns foreign keys on
  Libsql,         // libsql / Turso: client.migrate() turns foreign keys off around its transaction
  D1,             // Cloudflare D1 (driver "d1-http"): one batch; foreign keys always enforced
  DurableSqlite,  // Durable Objects: one transaction; foreign keys always enforced
  Expo,           // expo-sqlite: BEGIN ... COMMIT
  OpSqlite,       // op-sqlite: BEGIN ... COMMIT
  Bun,            // bun:sqlite: BEGIN ... COMMIT
  SqlJs,          // sql.js: BEGIN ... COMMIT
};

// drizzle's names ("d1-http", "durable-sqlite", "expo", "turso"...) and the drivers' own.
std::optional<SqliteDriver> parse_sqlite_driver(std::string_view name);
std::string_view sqlite_driver_name(SqliteDriver d);
inline constexpr std::string_view kSqliteDriverNames =
    "better-sqlite3, libsql, turso, d1, d1-http, durable-sqlite, expo, op-sqlite, bun or sql-js";

}  // namespace miglint
