// drizzle-kit 0.31.11's SingleStore snapshot schema: version 1.
#include "load/snapshot_schema/dialects.h"
#include "load/snapshot_schema/mysql_parts.h"

namespace miglint::schema {

// drizzle-kit/src/serializer/singlestoreSchema.ts
const Node* SinglestoreSchema::build() const {
  const MysqlParts p = MysqlPartsSchema(b).build();
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"indexes", rec(p.index)},
      {"compositePrimaryKeys", rec(p.composite_pk)},
      {"uniqueConstraints", def(rec(p.unique_constraint))}});
  const Node* schema = b.merge(b.strict_object({
      {"version", b.literal("1")}, {"dialect", b.literal("singlestore")}, {"tables", rec(table)},
      {"_meta", p.meta}, {"internal", p.kit_internals}}), p.hash);
  // drizzle-kit: union([singlestoreSchema, schema]), the same schema twice.
  return b.union_of({schema, schema});
}

}  // namespace miglint::schema
