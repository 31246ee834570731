// The schema parts MySQL and SingleStore snapshots share (see mysql_parts.h).
#include "load/snapshot_schema/mysql_parts.h"

namespace miglint::schema {

MysqlParts MysqlPartsSchema::build() const {
  MysqlParts p{};
  p.index = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"isUnique", boolean},
      {"using", opt(b.enumeration({"btree", "hash"}))},
      {"algorithm", opt(b.enumeration({"default", "inplace", "copy"}))},
      {"lock", opt(b.enumeration({"default", "none", "shared", "exclusive"}))}});
  const Node* generated = b.object({{"type", b.enumeration({"stored", "virtual"})}, {"as", str}});
  p.column = b.strict_object({
      {"name", str}, {"type", str}, {"primaryKey", boolean}, {"notNull", boolean},
      {"autoincrement", opt(boolean)}, {"default", opt(any)}, {"onUpdate", opt(any)},
      {"generated", opt(generated)}});
  p.composite_pk = b.strict_object({{"name", str}, {"columns", arr(str)}});
  p.unique_constraint = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* internal_default = b.object({{"isDefaultAnExpression", opt(boolean)}});
  const Node* internal_expr = b.object({{"isExpression", opt(boolean)}});
  const Node* internal_table = b.object({{"columns", rec(opt(internal_default))}});
  const Node* internal_index = b.object({{"columns", rec(opt(internal_expr))}});
  p.kit_internals = opt(b.object({
      {"tables", opt(rec(opt(internal_table)))}, {"indexes", opt(rec(opt(internal_index)))}}));
  p.hash = b.object({{"id", str}, {"prevId", str}});
  p.meta = b.object({{"tables", rec(str)}, {"columns", rec(str)}});
  return p;
}

}  // namespace miglint::schema
