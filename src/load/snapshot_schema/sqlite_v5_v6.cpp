// drizzle-kit 0.31.11's SQLite snapshot schemas (also used for turso): versions 5 and 6.
#include "load/snapshot_schema/dialects.h"

namespace miglint::schema {

// drizzle-kit/src/serializer/sqliteSchema.ts
const Node* SqliteSchema::build() const {
  const Node* index = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"where", opt(str)}, {"isUnique", boolean}});
  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"columnsTo", arr(str)}, {"onUpdate", opt(str)}, {"onDelete", opt(str)}});
  const Node* composite_pk = b.strict_object({{"columns", arr(str)}, {"name", opt(str)}});
  const Node* generated = b.object({{"type", b.enumeration({"stored", "virtual"})}, {"as", str}});
  const Node* column = b.strict_object({
      {"name", str}, {"type", str}, {"primaryKey", boolean}, {"notNull", boolean},
      {"autoincrement", opt(boolean)}, {"default", opt(any)}, {"generated", opt(generated)}});
  const Node* unique_constraint = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(column)}, {"indexes", rec(index)}, {"foreignKeys", rec(fk)},
      {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))},
      {"checkConstraints", def(rec(check_constraint))}});
  const Node* view = b.strict_object({
      {"name", str}, {"columns", rec(column)}, {"definition", opt(str)}, {"isExisting", boolean}});
  const Node* dialect = b.enumeration({"sqlite"});
  const Node* hash = b.strict_object({{"id", str}, {"prevId", str}});
  const Node* meta = b.object({{"tables", rec(str)}, {"columns", rec(str)}});
  const Node* enums = b.object({});  // object({}): any object, keys stripped
  const Node* internal_column = b.object({{"isExpression", opt(boolean)}});
  const Node* internal_index = b.object({{"columns", rec(opt(internal_column))}});
  const Node* kit_internals = opt(b.object({{"indexes", opt(rec(opt(internal_index)))}}));

  const Node* v5 = b.strict(b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"enums", enums}, {"_meta", meta}}), hash));
  const Node* v6 = b.strict(b.merge(b.strict_object({
      {"version", b.literal("6")}, {"dialect", dialect}, {"tables", rec(table)},
      {"views", def(rec(view))}, {"enums", enums}, {"_meta", meta},
      {"internal", kit_internals}}), hash));
  return b.union_of({v5, v6});
}

}  // namespace miglint::schema
