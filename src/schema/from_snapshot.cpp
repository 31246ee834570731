#include "schema/from_snapshot.h"

#include <simdjson.h>

#include <fmt/core.h>

#include "schema/snapshot_readers.h"

namespace miglint::schema {

SnapshotModel schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect) {
  simdjson::dom::object object;
  if (root.get_object().get(object)) return {std::nullopt, "the snapshot is not a JSON object"};
  Schema schema;
  std::string problem;
  switch (dialect) {
    case Dialect::PostgreSQL:
    case Dialect::Gel: problem = read_postgres_snapshot(object, schema); break;
    case Dialect::SQLite: problem = read_sqlite_snapshot(object, schema); break;
    case Dialect::MySQL:
    case Dialect::SingleStore: problem = read_mysql_snapshot(object, schema); break;
  }
  if (!problem.empty()) return {std::nullopt, fmt::format("the snapshot cannot be modelled: {}", problem)};
  return {std::move(schema), {}};
}

SnapshotModel schema_from_snapshot(std::string_view text, Dialect dialect) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(text.data(), text.size()).get(root)) {
    return {std::nullopt, fmt::format("the snapshot is not valid JSON ({})", simdjson::error_message(error))};
  }
  return schema_from_snapshot(root, dialect);
}

}  // namespace miglint::schema
