// The drizzle-kit 0.31.11 snapshot schema of each dialect, one file per dialect.
#pragma once

#include <string_view>

#include "load/snapshot_schema/zod.h"

namespace miglint::schema {

// Each builds its dialect's schema with the shorthands (zod.h): PostgresqlSchema(builder).build().
struct PostgresqlSchema : SchemaShorthands {  // postgresql_v5_v7.cpp
  using SchemaShorthands::SchemaShorthands;
  const Node* build() const;
};
struct SqliteSchema : SchemaShorthands {  // sqlite_v5_v6.cpp (sqlite and turso)
  using SchemaShorthands::SchemaShorthands;
  const Node* build() const;
};
struct MysqlSchema : SchemaShorthands {  // mysql_v5.cpp
  using SchemaShorthands::SchemaShorthands;
  const Node* build() const;
};
struct SinglestoreSchema : SchemaShorthands {  // singlestore_v1.cpp
  using SchemaShorthands::SchemaShorthands;
  const Node* build() const;
};

// The validator for a dialect (nullptr for an unknown one).  Built once, never freed.
const Node* snapshot_schema_for(std::string_view dialect);

}  // namespace miglint::schema
