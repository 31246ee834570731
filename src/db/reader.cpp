#include "db/reader.h"

#include <cstdlib>

namespace miglint {

std::variant<DatabaseState, ReadError> read_postgres(const PostgresTarget& target, const TableName& name);
std::variant<DatabaseState, ReadError> read_sqlite(const SqliteTarget& target, const TableName& name);

void set_created_at(AppliedRow& row, const char* text) {
  if (!text) return;
  row.created_at_text = text;
  char* end = nullptr;
  double value = std::strtod(text, &end);
  if (end != text && *end == '\0') row.created_at = value;
}

std::variant<DatabaseState, ReadError> read_database(const DatabaseTarget& target, const TableName& name) {
  if (const auto* pg = std::get_if<PostgresTarget>(&target)) return read_postgres(*pg, name);
  return read_sqlite(std::get<SqliteTarget>(target), name);
}

std::string DatabaseState::qualified_table() const {
  return schema.empty() ? "\"" + table + "\"" : "\"" + schema + "\".\"" + table + "\"";
}

}  // namespace miglint
