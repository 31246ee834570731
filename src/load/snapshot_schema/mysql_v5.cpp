// drizzle-kit 0.31.11's MySQL snapshot schemas: version 5, with and without `schemas`.
#include "load/snapshot_schema/dialects.h"
#include "load/snapshot_schema/mysql_parts.h"

namespace miglint::schema {

// drizzle-kit/src/serializer/mysqlSchema.ts
const Node* MysqlSchema::build() const {
  const MysqlParts p = MysqlPartsSchema(b).build();

  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"columnsTo", arr(str)}, {"onUpdate", opt(str)}, {"onDelete", opt(str)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  // Note the singular "checkConstraint" key.
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"indexes", rec(p.index)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(p.composite_pk)},
      {"uniqueConstraints", def(rec(p.unique_constraint))},
      {"checkConstraint", def(rec(check_constraint))}});
  const Node* view_meta = b.strict_object({
      {"algorithm", b.enumeration({"undefined", "merge", "temptable"})},
      {"sqlSecurity", b.enumeration({"definer", "invoker"})},
      {"withCheckOption", opt(b.enumeration({"local", "cascaded"}))}});
  const Node* view = b.merge(b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"definition", opt(str)},
      {"isExisting", boolean}}), view_meta);
  const Node* meta_v5 = b.object({{"schemas", rec(str)}, {"tables", rec(str)}, {"columns", rec(str)}});
  const Node* dialect = b.literal("mysql");

  const Node* v5 = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"schemas", rec(str)}, {"_meta", meta_v5}, {"internal", p.kit_internals}}), p.hash);
  const Node* latest = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"views", def(rec(view))}, {"_meta", p.meta}, {"internal", p.kit_internals}}), p.hash);
  return b.union_of({v5, latest});
}

}  // namespace miglint::schema
