// A schema model read from a live database's catalog.
#pragma once

#include <string>
#include <variant>

#include "schema/model.h"

struct sqlite3;
namespace pqxx { class transaction_base; }

namespace miglint::schema {

struct CatalogError {
  std::string message;  // what could not be read and what to do (grants), never a password
};

// PostgreSQL: a fixed number of queries on pg_catalog whatever the number of objects, inside the
// caller's read-only transaction. Leaves out the migrations table's schema and table, the system
// schemas, objects of extensions, and sequences owned by serial or identity columns.
std::variant<Schema, CatalogError> read_postgres_catalog(pqxx::transaction_base& tx,
                                                         const QualifiedName& migrations_table);

// SQLite: sqlite_schema and its pragmas, leaving out sqlite_* tables and the migrations table.
std::variant<Schema, CatalogError> read_sqlite_catalog(sqlite3* db, const std::string& migrations_table);

}  // namespace miglint::schema
