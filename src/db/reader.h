// Reads the migrations table, read-only, with a fixed number of queries whatever
// the number of migrations.
#pragma once

#include <string>
#include <variant>

#include "db/database.h"
#include "db/database_url.h"

namespace miglint {

struct ReadError {
  std::string message;  // says where (never the password) and what to try
};

struct TableName {
  std::string schema = "drizzle";  // ignored for SQLite
  std::string table = "__drizzle_migrations";
};

std::variant<DatabaseState, ReadError> read_database(const DatabaseTarget& target, const TableName& name);

// Shared by both readers: parses created_at as stored (bigint, numeric, text or NULL).
void set_created_at(AppliedRow& row, const char* text);

}  // namespace miglint
