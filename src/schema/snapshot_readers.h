// The per-dialect halves of schema_from_snapshot(): each fills `out` from the snapshot's root
// object, its tables through a TableSink, or says in a sentence why it cannot. With `out` null,
// only the tables are read (the caller has the rest from an earlier snapshot written alike).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "schema/model.h"
#include "schema/snapshot_json.h"

namespace miglint::schema {

// Where a reader puts the tables it finds, in file order (from_snapshot.cpp): straight into a
// schema, or shared with the other snapshots of a folder that hold the same table.
class TableSink {
 public:
  virtual ~TableSink() = default;
  // json: the table's object; context: what else in the snapshot its model depends on, if
  // anything; read: models it, called only when the sink has no model of that table yet.
  virtual void add(snapshot_json::object json, std::optional<snapshot_json::object> context,
                   const std::function<Table()>& read) = 0;
};

// PostgreSQL snapshots v5, v6 and v7 (and gel's, which share their shape).
std::string read_postgres_snapshot(snapshot_json::object root, Schema* out, TableSink& tables);
// SQLite v5 and v6.
std::string read_sqlite_snapshot(snapshot_json::object root, Schema* out, TableSink& tables);
// MySQL v5 (both shapes) and SingleStore v1.
std::string read_mysql_snapshot(snapshot_json::object root, Schema* out, TableSink& tables);

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
// PostgreSQL names as its parser keeps them (cut to 63 bytes), the schema "public" when none.
std::string schema_or_public(const std::string& schema);
QualifiedName pg_name(const std::string& schema, const std::string& name);
std::vector<std::string> pg_names(std::vector<std::string> names);
// A column's type as drizzle-kit writes it into SQL, canonical (enums quoted, with their schema).
std::string column_type(const std::string& written, const std::optional<std::string>& type_schema);
bool is_serial(std::string_view type);
// A SQLite or MySQL column (0.x snapshots, and 1.0's column entities): its generation expression
// is read against `table`.
Column sqlite_mysql_column(const snapshot_json::Fields& column, const std::string& table);
}  // namespace snapshot_parts

}  // namespace miglint::schema
