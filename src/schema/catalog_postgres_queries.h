// The catalog queries read_postgres_catalog() runs: seven, whatever the number of objects. Private
// to catalog_postgres*.cpp.
#pragma once

#include <string>

namespace miglint::schema::pg_catalog_queries {

// Features by server version: attgenerated (12), conparentid (11), indnkeyatts (11).
struct ServerFeatures {
  bool generated_columns = true;
  bool constraint_parents = true;
  bool index_include_columns = true;
};
ServerFeatures features_of(int server_version);

// Each query that takes parameters takes the migrations table's schema ($1) and name ($2), which
// it leaves out.
std::string namespaces();  // nspname
std::string relations();   // oid, nspname, relname, relkind, relrowsecurity, sequence options (6), view query
std::string columns(const ServerFeatures& f);      // relid, name, type, not null, default, identity, generated
std::string constraints(const ServerFeatures& f);  // relid, name, type, columns (JSON), referenced schema, table,
                                                   // columns (JSON), on delete, on update, check, nulls not distinct
std::string indexes(const ServerFeatures& f);      // relid, name, unique, method, columns (JSON), expressions (JSON),
                                                   // key options (JSON), where
std::string policies();                            // relid, name, permissive, command, roles (JSON), using, with check
std::string enums();                               // nspname, typname, labels (JSON)

}  // namespace miglint::schema::pg_catalog_queries
