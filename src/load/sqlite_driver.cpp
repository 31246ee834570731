#include "load/sqlite_driver.h"

#include <utility>

namespace miglint {

namespace {

constexpr std::pair<std::string_view, SqliteDriver> kNames[] = {
    {"better-sqlite3", SqliteDriver::BetterSqlite3},
    {"libsql", SqliteDriver::Libsql},
    {"turso", SqliteDriver::Libsql},
    {"d1", SqliteDriver::D1},
    {"d1-http", SqliteDriver::D1},
    {"durable-sqlite", SqliteDriver::DurableSqlite},
    {"expo", SqliteDriver::Expo},
    {"op-sqlite", SqliteDriver::OpSqlite},
    {"bun", SqliteDriver::Bun},
    {"sql-js", SqliteDriver::SqlJs},
};

}  // namespace

std::optional<SqliteDriver> parse_sqlite_driver(std::string_view name) {
  for (const auto& [text, driver] : kNames) {
    if (text == name) return driver;
  }
  return std::nullopt;
}

std::string_view sqlite_driver_name(SqliteDriver d) {
  for (const auto& [text, driver] : kNames) {
    if (driver == d) return text;
  }
  return "unknown";
}

}  // namespace miglint
