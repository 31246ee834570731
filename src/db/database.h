// What miglint reads from a database: the migrations table drizzle's migrator keeps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/model.h"

namespace miglint {

struct AppliedRow {
  std::string id;                   // as text; empty when NULL (drizzle's SQLite table has NULL ids)
  std::string hash;
  std::optional<double> created_at; // the journal `when` the migrator recorded; none when NULL
  std::string created_at_text;      // as stored, for messages
  std::optional<std::string> name;  // drizzle-orm 1.0's table: the migration folder's name; none when NULL
  std::string applied_at;           // 1.0's table, as stored; empty when NULL
};

struct DatabaseState {
  std::string description;          // where it was read, never with a password
  std::string schema;               // empty for SQLite
  std::string table;
  bool table_found = false;
  bool table_has_name = false;      // drizzle-orm 1.0's shape (a `name` column), not 0.x's (id, hash, created_at)
  std::vector<std::string> table_found_elsewhere;  // "schema.table" names of same-named tables
  bool has_user_tables = false;     // tables other than the migrations table
  std::vector<AppliedRow> rows;     // in created_at order
  // The schema the database holds (schema/catalog.h), or why it could not be read.
  std::optional<schema::Schema> live_schema;
  std::string live_schema_error;

  std::string qualified_table() const;  // "drizzle"."__drizzle_migrations" or "__drizzle_migrations"
};

}  // namespace miglint
