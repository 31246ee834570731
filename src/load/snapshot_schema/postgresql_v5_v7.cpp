// drizzle-kit 0.31.11's PostgreSQL snapshot schemas: versions 5, 6 and 7.
#include "load/snapshot_schema/dialects.h"

namespace miglint::schema {

// drizzle-kit/src/serializer/pgSchema.ts
const Node* PostgresqlSchema::build() const {
  // Not .strict() in drizzle-kit: unknown keys of index columns are stripped.
  const Node* index_column = b.object({
      {"expression", str}, {"isExpression", boolean}, {"asc", boolean},
      {"nulls", opt(str)}, {"opclass", opt(str)}});
  const Node* index = b.strict_object({
      {"name", str}, {"columns", arr(index_column)}, {"isUnique", boolean},
      {"with", opt(rec(any))}, {"method", def(str)}, {"where", opt(str)},
      {"concurrently", def(boolean)}});
  // indexV5 and indexV6 are identical: string index columns.
  const Node* index_v5 = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"isUnique", boolean},
      {"with", opt(rec(str))}, {"method", def(str)}, {"where", opt(str)},
      {"concurrently", def(boolean)}});
  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"schemaTo", opt(str)}, {"columnsTo", arr(str)}, {"onUpdate", opt(str)},
      {"onDelete", opt(str)}});
  const Node* sequence = b.strict_object({
      {"name", str}, {"increment", opt(str)}, {"minValue", opt(str)}, {"maxValue", opt(str)},
      {"startWith", opt(str)}, {"cache", opt(str)}, {"cycle", opt(boolean)}, {"schema", str}});
  const Node* role = b.strict_object({
      {"name", str}, {"createDb", opt(boolean)}, {"createRole", opt(boolean)},
      {"inherit", opt(boolean)}});
  // sequenceSchema.merge(object({type})): the merged object takes the plain object's
  // policy, so identity objects strip unknown keys.
  const Node* identity = b.merge(sequence, b.object({{"type", b.enumeration({"always", "byDefault"})}}));
  const Node* generated = b.object({{"type", b.literal("stored")}, {"as", str}});
  const Node* column = b.strict_object({
      {"name", str}, {"type", str}, {"typeSchema", opt(str)}, {"primaryKey", boolean},
      {"notNull", boolean}, {"default", opt(any)}, {"isUnique", opt(any)},
      {"uniqueName", opt(str)}, {"nullsNotDistinct", opt(boolean)},
      {"generated", opt(generated)}, {"identity", opt(identity)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  const Node* composite_pk = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* unique_constraint = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"nullsNotDistinct", boolean}});
  const Node* policy = b.strict_object({
      {"name", str}, {"as", opt(b.enumeration({"PERMISSIVE", "RESTRICTIVE"}))},
      {"for", opt(b.enumeration({"ALL", "SELECT", "INSERT", "UPDATE", "DELETE"}))},
      {"to", opt(arr(str))}, {"using", opt(str)}, {"withCheck", opt(str)}, {"on", opt(str)},
      {"schema", opt(str)}});
  const Node* view_with = b.strict_object({
      {"checkOption", opt(b.enumeration({"local", "cascaded"}))},
      {"securityBarrier", opt(boolean)}, {"securityInvoker", opt(boolean)}});
  const Node* mat_view_with = b.strict_object({
      {"fillfactor", opt(num)}, {"toastTupleTarget", opt(num)}, {"parallelWorkers", opt(num)},
      {"autovacuumEnabled", opt(boolean)},
      {"vacuumIndexCleanup", opt(b.enumeration({"auto", "off", "on"}))},
      {"vacuumTruncate", opt(boolean)}, {"autovacuumVacuumThreshold", opt(num)},
      {"autovacuumVacuumScaleFactor", opt(num)}, {"autovacuumVacuumCostDelay", opt(num)},
      {"autovacuumVacuumCostLimit", opt(num)}, {"autovacuumFreezeMinAge", opt(num)},
      {"autovacuumFreezeMaxAge", opt(num)}, {"autovacuumFreezeTableAge", opt(num)},
      {"autovacuumMultixactFreezeMinAge", opt(num)}, {"autovacuumMultixactFreezeMaxAge", opt(num)},
      {"autovacuumMultixactFreezeTableAge", opt(num)}, {"logAutovacuumMinDuration", opt(num)},
      {"userCatalogTable", opt(boolean)}});
  const Node* merged_view_with = b.strict(b.merge(view_with, mat_view_with));
  const Node* view = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"definition", opt(str)},
      {"materialized", boolean}, {"with", opt(merged_view_with)}, {"isExisting", boolean},
      {"withNoData", opt(boolean)}, {"using", opt(str)}, {"tablespace", opt(str)}});
  // tableV5 and tableV6 are identical apart from the (identical) index schemas.
  const Node* table_v5 = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"indexes", rec(index_v5)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))}});
  const Node* table = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"indexes", rec(index)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))}, {"policies", def(rec(policy))},
      {"checkConstraints", def(rec(check_constraint))}, {"isRLSEnabled", def(boolean)}});
  // Plain objects: unknown keys are stripped at every level of kit internals.
  const Node* internal_column = b.object({
      {"isArray", opt(boolean)}, {"dimensions", opt(num)}, {"rawType", opt(str)},
      {"isDefaultAnExpression", opt(boolean)}});
  const Node* internal_table = b.object({{"columns", rec(opt(internal_column))}});
  const Node* kit_internals = opt(b.object({{"tables", rec(opt(internal_table))}}));
  const Node* meta = b.object({{"schemas", rec(str)}, {"tables", rec(str)}, {"columns", rec(str)}});
  const Node* enum_v1 = b.strict_object({{"name", str}, {"values", rec(str)}});
  const Node* enum_latest = b.strict_object({{"name", str}, {"schema", str}, {"values", arr(str)}});
  // Not strict: merging it makes the top level of every pg snapshot strip unknown keys.
  const Node* hash = b.object({{"id", str}, {"prevId", str}});

  const Node* v5 = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", b.literal("pg")}, {"tables", rec(table_v5)},
      {"enums", rec(enum_v1)}, {"schemas", rec(str)}, {"_meta", meta},
      {"internal", kit_internals}}), hash);
  const Node* v6 = b.merge(b.strict_object({
      {"version", b.literal("6")}, {"dialect", b.literal("postgresql")}, {"tables", rec(table_v5)},
      {"enums", rec(enum_latest)}, {"schemas", rec(str)}, {"_meta", meta},
      {"internal", kit_internals}}), hash);
  const Node* v7 = b.merge(b.strict_object({
      {"version", b.literal("7")}, {"dialect", b.literal("postgresql")}, {"tables", rec(table)},
      {"enums", rec(enum_latest)}, {"schemas", rec(str)}, {"views", def(rec(view))},
      {"sequences", def(rec(sequence))}, {"roles", def(rec(role))},
      {"policies", def(rec(policy))}, {"_meta", meta}, {"internal", kit_internals}}), hash);
  return b.union_of({v5, v6, v7});
}

}  // namespace miglint::schema
