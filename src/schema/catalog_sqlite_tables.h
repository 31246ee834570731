// read_sqlite_catalog() limited to some tables (their columns, keys, indexes; views whose name is
// listed), for replay_sqlite(), which reads back only what a migration changed. Private to
// catalog_sqlite.cpp and replay_sqlite.cpp.
#pragma once

#include <set>
#include <string>
#include <variant>

#include "schema/catalog.h"

namespace miglint::schema {

std::variant<Schema, CatalogError> read_sqlite_tables(sqlite3* db, const std::set<std::string>& tables);

}  // namespace miglint::schema
