// The per-dialect halves of schema_from_snapshot(): each fills `out` from the snapshot's root
// object, or says in a sentence why it cannot.
#pragma once

#include <string>

#include "schema/model.h"
#include "schema/snapshot_json.h"

namespace miglint::schema {

// PostgreSQL snapshots v5, v6 and v7 (and gel's, which share their shape).
std::string read_postgres_snapshot(snapshot_json::object root, Schema& out);
// SQLite v5 and v6.
std::string read_sqlite_snapshot(snapshot_json::object root, Schema& out);
// MySQL v5 (both shapes) and SingleStore v1.
std::string read_mysql_snapshot(snapshot_json::object root, Schema& out);

// Parts the dialects write alike.
namespace snapshot_parts {
// A column's default as drizzle-kit writes it into SQL: none when absent or null (PostgreSQL and
// SQLite keep no DEFAULT NULL); unknown when it is an object or array.
struct DefaultValue {
  std::optional<std::string> value;
  bool unknown = false;
};
DefaultValue column_default(const snapshot_json::Fields& column);
ForeignKey foreign_key(const snapshot_json::Fields& fk, const std::string& referenced_schema);
std::string lower(std::string text);
}  // namespace snapshot_parts

}  // namespace miglint::schema
