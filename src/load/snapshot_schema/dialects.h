// The drizzle-kit 0.31.11 snapshot schema of each dialect, one file per dialect.
#pragma once

#include <string_view>

#include "load/snapshot_schema/zod.h"

namespace miglint::schema {

const Node* build_postgresql(Builder& b);   // postgresql_v5_v7.cpp
const Node* build_sqlite(Builder& b);       // sqlite_v5_v6.cpp (sqlite and turso)
const Node* build_mysql(Builder& b);        // mysql_v5.cpp
const Node* build_singlestore(Builder& b);  // singlestore_v1.cpp

// The validator for a dialect (nullptr for an unknown one).  Built once, never freed.
const Node* snapshot_schema_for(std::string_view dialect);

}  // namespace miglint::schema
