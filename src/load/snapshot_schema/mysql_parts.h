// Schema parts that drizzle-kit's mysqlSchema.ts and singlestoreSchema.ts define alike.
#pragma once

#include "load/snapshot_schema/zod.h"

namespace miglint::schema {

struct MysqlParts {
  const Node* index;
  const Node* column;
  const Node* composite_pk;
  const Node* unique_constraint;
  const Node* kit_internals;
  const Node* hash;
  const Node* meta;  // _meta without schemas
};

// mysqlSchema.ts and singlestoreSchema.ts are separate but identical source.
struct MysqlPartsSchema : SchemaShorthands {
  using SchemaShorthands::SchemaShorthands;
  MysqlParts build() const;
};

}  // namespace miglint::schema
