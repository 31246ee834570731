// A schema model read from a live database's catalog.
#pragma once

#include <string>
#include <variant>

#include "schema/model.h"

struct sqlite3;
namespace miglint::pg { class Connection; }

namespace miglint::schema {

struct CatalogError {
  std::string message;  // what could not be read and what to do (grants), never a password
};

// PostgreSQL: a fixed number of queries on pg_catalog whatever the number of objects (ten
// statements in all), inside the caller's read-only transaction. Leaves out the migrations table
// (and its schema when nothing else is there), the system schemas, objects of extensions,
// partitions and inheritance children (their parent stands for them), and sequences owned by
// serial or identity columns. Holds every other schema: callers keep the ones a folder touches.
// Inside a transaction the queries run in a savepoint that is rolled back: a failure (a catalog
// table the user may not read) returns a CatalogError and leaves the transaction usable.
std::variant<Schema, CatalogError> read_postgres_catalog(pg::Connection& connection,
                                                         const QualifiedName& migrations_table);

// SQLite: sqlite_schema and its pragmas (four queries), leaving out sqlite_* tables, D1's _cf_*
// tables, virtual tables with their shadow tables, and the migrations table.
std::variant<Schema, CatalogError> read_sqlite_catalog(sqlite3* db, const std::string& migrations_table);

}  // namespace miglint::schema
