// The SQL of read_postgres_catalog(). Every query joins the same set of relations (the `rel` CTE),
// so that what is left out (system schemas, extensions' objects, partitions, inheritance children,
// owned sequences, the migrations table) is decided in one place. Catalog names are qualified
// with pg_catalog so that a user's objects named like them cannot interfere.
#include "schema/catalog_postgres_queries.h"

#include <fmt/core.h>

namespace miglint::schema::pg_catalog_queries {

namespace {

// Schemas of the system, of temporary objects, and those an extension created.
constexpr const char* kUserNamespace =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE "
    "d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objid = n.oid AND d.deptype = 'e')";

// Tables (partitioned ones as their parent only), views, materialized views and sequences that no
// column owns (serial: deptype 'a', identity: 'i'), none of an extension (deptype 'e').
std::string relation_cte() {
  return fmt::format(
      "WITH rel AS (SELECT c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity "
      "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT c.relispartition "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid) "
      "AND {} "
      "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
      "AND d.objid = c.oid AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.refclassid = "
      "'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')))) "
      "AND NOT (n.nspname = $1 AND c.relname = $2)) ",
      kUserNamespace);
}

// A column's names in key order, as a JSON array of strings.
std::string attnames_json(const char* keys, const char* relation) {
  return fmt::format(
      "pg_catalog.array_to_json(ARRAY(SELECT a.attname FROM pg_catalog.unnest({0}) WITH ORDINALITY k(num, ord) "
      "JOIN pg_catalog.pg_attribute a ON a.attrelid = {1} AND a.attnum = k.num ORDER BY k.ord))::text",
      keys, relation);
}

}  // namespace

ServerFeatures features_of(int server_version) {
  ServerFeatures f;
  f.generated_columns = server_version >= 120000;
  f.constraint_parents = server_version >= 110000;
  f.index_include_columns = server_version >= 110000;
  return f;
}

std::string namespaces() {
  return fmt::format("SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE {} ORDER BY 1", kUserNamespace);
}

std::string relations() {
  return relation_cte() +
         "SELECT rel.oid::text, rel.nspname, rel.relname, rel.relkind, rel.relrowsecurity, s.seqincrement::text, "
         "s.seqmin::text, s.seqmax::text, s.seqstart::text, s.seqcache::text, s.seqcycle, "
         "CASE WHEN rel.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(rel.oid, true) END "
         "FROM rel LEFT JOIN pg_catalog.pg_sequence s ON s.seqrelid = rel.oid ORDER BY 2, 3";
}

// The type as format_type() spells it for built-in types; user types (enums, domains, extensions'
// types) as schema.name, without public, whatever the search_path; the type modifier and array
// brackets as format_type() writes them.
std::string columns(const ServerFeatures& f) {
  return relation_cte() + fmt::format(
      "SELECT a.attrelid::text, a.attname, "
      "CASE WHEN bn.nspname = 'pg_catalog' THEN pg_catalog.format_type(a.atttypid, a.atttypmod) "
      "ELSE CASE WHEN bn.nspname = 'public' THEN '' ELSE pg_catalog.quote_ident(bn.nspname) || '.' END || "
      "pg_catalog.quote_ident(bt.typname) || "
      "CASE WHEN a.atttypmod >= 0 THEN COALESCE(pg_catalog.substring(pg_catalog.format_type(bt.oid, a.atttypmod), "
      "'[(].*[)]$'), '') ELSE '' END || CASE WHEN bt.oid <> t.oid THEN '[]' ELSE '' END END, "
      "a.attnotnull, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, {} "
      "FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid "
      "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      "JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem "
      "ELSE t.oid END "
      "JOIN pg_catalog.pg_namespace bn ON bn.oid = bt.typnamespace "
      "LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum "
      "WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
      f.generated_columns ? "a.attgenerated" : "''");
}

// Primary keys, foreign keys, unique and check constraints. A foreign key to a partitioned table
// also has one row per partition, whose conparentid names the real one: those are left out.
std::string constraints(const ServerFeatures& f) {
  return relation_cte() + fmt::format(
      "SELECT con.conrelid::text, con.conname, con.contype, {}, fn.nspname, fc.relname, {}, con.confdeltype, "
      "con.confupdtype, CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) END, "
      "con.contype = 'u' AND pg_catalog.pg_get_constraintdef(con.oid) LIKE 'UNIQUE NULLS NOT DISTINCT%' "
      "FROM rel JOIN pg_catalog.pg_constraint con ON con.conrelid = rel.oid "
      "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
      "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
      "WHERE rel.relkind IN ('r', 'p') AND con.contype IN ('p', 'f', 'u', 'c') AND {} "
      "ORDER BY con.conrelid, con.conname",
      attnames_json("con.conkey", "con.conrelid"), attnames_json("con.confkey", "con.confrelid"),
      f.constraint_parents ? "con.conparentid = 0" : "true");
}

// Indexes other than those of primary key, unique and exclusion constraints. Key columns only
// (not INCLUDE ones): each as its column name, or as the expression pg_get_indexdef() prints,
// then what pg_get_indexdef() would add after it: an operator class that is not the type's
// default, DESC, and NULLS FIRST / LAST where not the default for the direction (indoption bits
// 1 and 2).
std::string indexes(const ServerFeatures& f) {
  const char* keys = f.index_include_columns ? "i.indnkeyatts" : "i.indnatts";
  return relation_cte() + fmt::format(
      "SELECT i.indrelid::text, ic.relname, i.indisunique, am.amname, "
      "pg_catalog.array_to_json(ARRAY(SELECT a.attname FROM pg_catalog.generate_series(1, {0}) k(n) "
      "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] "
      "AND i.indkey[k.n - 1] <> 0 ORDER BY k.n))::text, "
      "pg_catalog.array_to_json(ARRAY(SELECT CASE WHEN i.indkey[k.n - 1] = 0 THEN "
      "pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) END FROM pg_catalog.generate_series(1, {0}) k(n) "
      "ORDER BY k.n))::text, "
      "pg_catalog.array_to_json(ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE ' ' || opc.opcname END || "
      "CASE WHEN i.indoption[k.n - 1] & 1 = 1 THEN ' desc' ELSE '' END || "
      "CASE WHEN i.indoption[k.n - 1] & 2 = 2 AND i.indoption[k.n - 1] & 1 = 0 THEN ' nulls first' "
      "WHEN i.indoption[k.n - 1] & 2 = 0 AND i.indoption[k.n - 1] & 1 = 1 THEN ' nulls last' ELSE '' END "
      "FROM pg_catalog.generate_series(1, {0}) k(n) "
      "LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.n - 1] ORDER BY k.n))::text, "
      "pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) "
      "FROM rel JOIN pg_catalog.pg_index i ON i.indrelid = rel.oid "
      "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
      "WHERE rel.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
      "WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) "
      "ORDER BY i.indrelid, ic.relname",
      keys);
}

// Role 0 in polroles is PUBLIC.
std::string policies() {
  return relation_cte() +
         "SELECT p.polrelid::text, p.polname, p.polpermissive, p.polcmd, "
         "pg_catalog.array_to_json(ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE ro.rolname::text END "
         "FROM pg_catalog.unnest(p.polroles) r(oid) LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = r.oid ORDER BY 1))::text, "
         "pg_catalog.pg_get_expr(p.polqual, p.polrelid, true), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true) "
         "FROM rel JOIN pg_catalog.pg_policy p ON p.polrelid = rel.oid WHERE rel.relkind IN ('r', 'p') "
         "ORDER BY p.polrelid, p.polname";
}

std::string enums() {
  return fmt::format(
      "SELECT n.nspname, t.typname, pg_catalog.array_to_json(ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e "
      "WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text "
      "FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
      "WHERE t.typtype = 'e' AND {} AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE "
      "d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e') ORDER BY 1, 2",
      kUserNamespace);
}

}  // namespace miglint::schema::pg_catalog_queries
