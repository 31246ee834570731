// Which schema and which latest version drizzle-kit 0.31.11 has for each dialect.
#include "load/snapshot_schema/dialects.h"

namespace miglint {
namespace schema {

namespace {

struct Schemas {
  Builder b;
  const Node* postgresql = nullptr;
  const Node* sqlite = nullptr;
  const Node* mysql = nullptr;
  const Node* singlestore = nullptr;
};

const Schemas& schemas() {
  static const Schemas instance = [] {
    Schemas s;
    s.postgresql = PostgresqlSchema(s.b).build();
    s.sqlite = SqliteSchema(s.b).build();
    s.mysql = MysqlSchema(s.b).build();
    s.singlestore = SinglestoreSchema(s.b).build();
    return s;
  }();
  return instance;
}

}  // namespace

const Node* snapshot_schema_for(std::string_view dialect) {
  const Schemas& s = schemas();
  if (dialect == "postgresql") return s.postgresql;
  if (dialect == "sqlite" || dialect == "turso") return s.sqlite;
  if (dialect == "mysql") return s.mysql;
  if (dialect == "singlestore") return s.singlestore;
  return nullptr;
}

}  // namespace schema

int latest_snapshot_version(std::string_view dialect) {
  if (dialect == "postgresql") return 7;
  if (dialect == "sqlite" || dialect == "turso") return 6;
  if (dialect == "mysql") return 5;
  if (dialect == "singlestore") return 1;
  return 0;
}

}  // namespace miglint
