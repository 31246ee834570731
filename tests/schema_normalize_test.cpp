// The canonical spellings of normalize.h: each pair is the same type, expression or default as
// a drizzle-kit snapshot, a migration's SQL and PostgreSQL's catalog (format_type, pg_get_expr)
// write it, so the schema built from any of them compares equal.
#include "schema/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using miglint::schema::canonical_default;
using miglint::schema::canonical_expression;
using miglint::schema::canonical_type;

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(CanonicalType, IntegerAndSerialTypesTakeFormatTypesNames) {
  const Pairs cases = {{"int", "integer"},           {"int4", "integer"},       {"INTEGER", "integer"},
                       {"serial", "integer"},        {"serial4", "integer"},    {"int8", "bigint"},
                       {"bigint", "bigint"},         {"bigserial", "bigint"},   {"int2", "smallint"},
                       {"smallserial", "smallint"},  {"smallint", "smallint"}};
  for (const auto& [written, canonical] : cases) EXPECT_EQ(canonical_type(written), canonical) << written;
}

TEST(CanonicalType, CharacterTypesKeepTheirLength) {
  EXPECT_EQ(canonical_type("varchar(255)"), "character varying(255)");
  EXPECT_EQ(canonical_type("VARCHAR ( 255 )"), "character varying(255)");
  EXPECT_EQ(canonical_type("character varying(255)"), "character varying(255)");
  EXPECT_EQ(canonical_type("varchar"), "character varying");
  EXPECT_EQ(canonical_type("char(2)"), "character(2)");
  EXPECT_EQ(canonical_type("bpchar(2)"), "character(2)");
  // char without a length is char(1) to PostgreSQL.
  EXPECT_EQ(canonical_type("char"), "character(1)");
  EXPECT_EQ(canonical_type("text"), "text");
}

TEST(CanonicalType, DateTimeTypesSayTheirZone) {
  EXPECT_EQ(canonical_type("timestamp"), "timestamp without time zone");
  EXPECT_EQ(canonical_type("timestamp(3)"), "timestamp(3) without time zone");
  EXPECT_EQ(canonical_type("timestamp (3) with time zone"), "timestamp(3) with time zone");
  EXPECT_EQ(canonical_type("timestamp with time zone"), "timestamp with time zone");
  EXPECT_EQ(canonical_type("timestamptz"), "timestamp with time zone");
  EXPECT_EQ(canonical_type("timestamptz(6)"), "timestamp(6) with time zone");
  EXPECT_EQ(canonical_type("timestamp(3) without time zone"), "timestamp(3) without time zone");
  EXPECT_EQ(canonical_type("time"), "time without time zone");
  EXPECT_EQ(canonical_type("timetz"), "time with time zone");
  EXPECT_EQ(canonical_type("time(2) with time zone"), "time(2) with time zone");
  EXPECT_EQ(canonical_type("date"), "date");
  EXPECT_EQ(canonical_type("interval"), "interval");
}

TEST(CanonicalType, NumericAndFloatingTypes) {
  EXPECT_EQ(canonical_type("float4"), "real");
  EXPECT_EQ(canonical_type("real"), "real");
  EXPECT_EQ(canonical_type("float8"), "double precision");
  EXPECT_EQ(canonical_type("double precision"), "double precision");
  EXPECT_EQ(canonical_type("float(10)"), "real");
  EXPECT_EQ(canonical_type("float(53)"), "double precision");
  EXPECT_EQ(canonical_type("decimal"), "numeric");
  EXPECT_EQ(canonical_type("numeric(10, 2)"), "numeric(10,2)");
  EXPECT_EQ(canonical_type("decimal(10,2)"), "numeric(10,2)");
  EXPECT_EQ(canonical_type("bool"), "boolean");
  EXPECT_EQ(canonical_type("boolean"), "boolean");
}

TEST(CanonicalType, ArraysHaveOneBracketPairAsFormatTypePrintsThem) {
  EXPECT_EQ(canonical_type("text[]"), "text[]");
  EXPECT_EQ(canonical_type("integer[][]"), "integer[]");
  EXPECT_EQ(canonical_type("int4[3]"), "integer[]");
  EXPECT_EQ(canonical_type("varchar(20)[]"), "character varying(20)[]");
  EXPECT_EQ(canonical_type("integer ARRAY"), "integer[]");
  EXPECT_EQ(canonical_type("\"public\".\"status\"[]"), "status[]");
}

TEST(CanonicalType, UserTypesAreSchemaQualifiedUnlessPublic) {
  EXPECT_EQ(canonical_type("\"public\".\"status\""), "status");
  EXPECT_EQ(canonical_type("public.status"), "status");
  EXPECT_EQ(canonical_type("status"), "status");
  EXPECT_EQ(canonical_type("\"auth\".\"role\""), "auth.role");
  EXPECT_EQ(canonical_type("auth.role"), "auth.role");
  // Names that need quotes keep them, as format_type quotes them.
  EXPECT_EQ(canonical_type("\"public\".\"UserKind\""), "\"UserKind\"");
  EXPECT_EQ(canonical_type("\"My Schema\".\"kind\""), "\"My Schema\".kind");
  EXPECT_EQ(canonical_type("\"public\".\"user\""), "\"user\"");
  EXPECT_EQ(canonical_type("pg_catalog.int4"), "integer");
  EXPECT_EQ(canonical_type("\"char\""), "\"char\"");
}

TEST(CanonicalType, ExtensionTypesKeepTheirModifiers) {
  EXPECT_EQ(canonical_type("vector(3)"), "vector(3)");
  EXPECT_EQ(canonical_type("geometry(Point, 4326)"), "geometry(point,4326)");
  EXPECT_EQ(canonical_type("uuid"), "uuid");
  EXPECT_EQ(canonical_type("jsonb"), "jsonb");
  EXPECT_EQ(canonical_type("bit"), "bit(1)");
  EXPECT_EQ(canonical_type("varbit(8)"), "bit varying(8)");
}

TEST(CanonicalExpression, SpacingCaseAndQuotesDoNotMatter) {
  EXPECT_EQ(canonical_expression("\"age\" > 18"), "age > 18");
  EXPECT_EQ(canonical_expression("(age > 18)"), "age > 18");
  EXPECT_EQ(canonical_expression("((age>18))"), "age > 18");
  EXPECT_EQ(canonical_expression("AGE  >\n 18"), "age > 18");
  EXPECT_EQ(canonical_expression("\"Age\" > 18"), "\"Age\" > 18");
  EXPECT_EQ(canonical_expression("lower( \"email\" )"), "lower(email)");
  EXPECT_EQ(canonical_expression("NOW()"), "now()");
  EXPECT_EQ(canonical_expression("a>-1"), "a > -1");
  EXPECT_EQ(canonical_expression("a - 1"), "a - 1");
  EXPECT_EQ(canonical_expression("\"users\".\"id\""), "users.id");
}

TEST(CanonicalExpression, ParenthesesAreThoseTheParserNeeds) {
  // PostgreSQL's catalog wraps every operand; drizzle-kit writes what the user wrote.
  EXPECT_EQ(canonical_expression("((a > 1) AND (b < 2))"), "a > 1 and b < 2");
  EXPECT_EQ(canonical_expression("a > 1 and b < 2"), "a > 1 and b < 2");
  EXPECT_EQ(canonical_expression("((p > '-1'::integer) AND (p < 10))"), canonical_expression("p > -1 AND p < 10"));
  EXPECT_EQ(canonical_expression("((first || ' '::text) || last)"), canonical_expression("first || ' ' || last"));
  EXPECT_NE(canonical_expression("(a + b) * c"), canonical_expression("a + b * c"));
}

TEST(CanonicalExpression, ImplicitTextConversionsOfAColumnGo) {
  // lower("name") on a varchar column, as the catalog prints the index key.
  EXPECT_EQ(canonical_expression("lower((name)::text)"), "lower(name)");
  EXPECT_EQ(canonical_expression("((name)::text = 'x'::text)"), canonical_expression("name = 'x'"));
  EXPECT_EQ(canonical_expression("now()::text"), "now()::text");
}

TEST(CanonicalExpression, ConstantListsAreArraysAsPostgresqlStoresThem) {
  EXPECT_EQ(canonical_expression("(q = ANY (ARRAY['a'::text, 'b'::text]))"), "q = any(array['a', 'b'])");
  EXPECT_EQ(canonical_expression("q in ('a','b')"), "q = any(array['a', 'b'])");
  EXPECT_EQ(canonical_expression("q not in (1, 2)"), canonical_expression("(q <> ALL (ARRAY[1, 2]))"));
}

TEST(CanonicalExpression, OwnTableQualifiersGoForOneTableExpressions) {
  EXPECT_EQ(canonical_expression("\"users\".\"age\" > 18", "users"), "age > 18");
  EXPECT_EQ(canonical_expression("\"public\".\"users\".\"age\" > 18", "users"), "age > 18");
  EXPECT_EQ(canonical_expression("\"users\".\"first\" || ' ' || \"users\".\"last\"", "users"),
            canonical_expression("((first || ' '::text) || last)"));
  // Another table's qualifier stays.
  EXPECT_EQ(canonical_expression("orgs.id = org_id", "users"), "orgs.id = org_id");
}

TEST(CanonicalExpression, StringsKeepTheirCaseAndSpaces) {
  EXPECT_EQ(canonical_expression("status  =  'Active  Now'"), "status = 'Active  Now'");
  EXPECT_EQ(canonical_expression("x = 'it''s'"), "x = 'it''s'");
  EXPECT_EQ(canonical_expression("x = $$A  b$$"), "x = 'A  b'");
}

TEST(CanonicalExpression, CastsOfALiteralToItsOwnTypeGo) {
  EXPECT_EQ(canonical_expression("'x'::text"), "'x'");
  EXPECT_EQ(canonical_expression("'x'::character varying"), "'x'");
  EXPECT_EQ(canonical_expression("'x'::varchar"), "'x'");
  EXPECT_EQ(canonical_expression("(status = 'a'::text)"), "status = 'a'");
  EXPECT_EQ(canonical_expression("price > '-1'::integer"), "price > -1");
  EXPECT_EQ(canonical_expression("price > -1"), "price > -1");
  // Casts that change the value's type stay, with the type spelt canonically.
  EXPECT_EQ(canonical_expression("'{}'::jsonb"), "'{}'::jsonb");
  EXPECT_EQ(canonical_expression("created_at::timestamptz"), "created_at::timestamp with time zone");
  EXPECT_EQ(canonical_expression("x::varchar(10)"), "x::character varying(10)");
}

TEST(CanonicalDefault, NextvalNamesTheSequence) {
  EXPECT_EQ(canonical_default("nextval('users_id_seq'::regclass)"), "nextval('users_id_seq')");
  EXPECT_EQ(canonical_default("nextval('users_id_seq')"), "nextval('users_id_seq')");
  EXPECT_EQ(canonical_default("nextval('auth.users_id_seq'::regclass)"), "nextval('auth.users_id_seq')");
}

TEST(CanonicalDefault, ALiteralsCastIsTheColumnsTypeAnyway) {
  // drizzle-kit writes 'active'; PostgreSQL's catalog says 'active'::status.
  EXPECT_EQ(canonical_default("'active'::status"), "'active'");
  EXPECT_EQ(canonical_default("'active'"), "'active'");
  EXPECT_EQ(canonical_default("'{}'::jsonb"), "'{}'");
  EXPECT_EQ(canonical_default("'-1'::integer"), "-1");
  EXPECT_EQ(canonical_default("-1"), "-1");
  EXPECT_EQ(canonical_default("'10.50'::numeric"), "10.50");
  EXPECT_EQ(canonical_default("'10.50'"), "10.50");
  EXPECT_EQ(canonical_default("0"), "0");
  EXPECT_EQ(canonical_default("true"), "true");
  EXPECT_EQ(canonical_default("NOW()"), "now()");
  EXPECT_EQ(canonical_default("CURRENT_TIMESTAMP"), "current_timestamp");
  EXPECT_EQ(canonical_default("(now() AT TIME ZONE 'utc'::text)"), "now() at time zone 'utc'");
  EXPECT_EQ(canonical_default("gen_random_uuid()"), "gen_random_uuid()");
}

// Pairs seen for real: the text drizzle-kit 0.31.11 wrote in fixtures/generated/pg-everything's
// snapshots, and what PostgreSQL's catalog printed (format_type, pg_get_expr, pg_get_indexdef)
// once its migrations had run.
TEST(CanonicalForms, SnapshotAndCatalogSpellingsAgree) {
  const Pairs defaults = {{"'member'", "'member'::auth.role"},     {"'active'", "'active'::status"},
                          {"'{}'::text[]", "'{}'::text[]"},        {"'{}'::jsonb", "'{}'::jsonb"},
                          {"'0'", "'0'::numeric"},                 {"'1.00'", "1.00"},
                          {"nextval('invoice_number')", "nextval('invoice_number'::regclass)"}};
  for (const auto& [snapshot, catalog] : defaults) EXPECT_EQ(canonical_default(snapshot), canonical_default(catalog)) << snapshot;
  struct OnTable {
    std::string table, snapshot, catalog;
  };
  const std::vector<OnTable> on_table = {
      {"users", "\"users\".\"age\" >= 0 and \"users\".\"age\" < 150", "((age >= 0) AND (age < 150))"},
      {"orders", "\"orders\".\"total\" >= 0", "(total >= (0)::numeric)"},
      {"users", "\"first_name\" || ' ' || \"last_name\"", "((first_name || ' '::text) || last_name)"},
      {"users", "\"users\".\"deleted_at\" is null", "(deleted_at IS NULL)"},
      {"users", "lower(\"name\")", "lower(name::text)"},
      {"users", "\"users\".\"age\" >= 18", "(age >= 18)"}};
  for (const auto& e : on_table) {
    EXPECT_EQ(canonical_expression(e.snapshot, e.table), canonical_expression(e.catalog, e.table)) << e.snapshot;
  }
  const Pairs types = {{"varchar(255)", "character varying(255)"}, {"timestamp (3) with time zone", "timestamp(3) with time zone"},
                       {"numeric(10, 2)", "numeric(10,2)"},         {"char(2)", "character(2)"},
                       {"timestamp (6)", "timestamp(6) without time zone"}, {"serial", "integer"}};
  for (const auto& [snapshot, catalog] : types) EXPECT_EQ(canonical_type(snapshot), canonical_type(catalog)) << snapshot;
}

TEST(SerialDefault, NamesTheSequencePostgresqlMakes) {
  using miglint::schema::serial_default;
  EXPECT_EQ(serial_default("public", "users", "id"), "nextval('users_id_seq')");
  EXPECT_EQ(serial_default("auth", "users", "id"), "nextval('auth.users_id_seq')");
  EXPECT_EQ(serial_default("public", "Users", "id"), "nextval('\"Users_id_seq\"')");
  EXPECT_EQ(canonical_default("nextval('\"Users_id_seq\"'::regclass)"), "nextval('\"Users_id_seq\"')");
  // 63 bytes at most: the longer name is cut.
  std::string long_table(70, 't');
  EXPECT_EQ(serial_default("public", long_table, "id"), "nextval('" + std::string(56, 't') + "_id_seq')");
}

}  // namespace

namespace {

// A json or jsonb default is its JSON value: drizzle-kit's snapshot, the SQL (as drizzle-kit
// writes it, or corrected by hand) and PostgreSQL's catalog (which prints jsonb its own way).
TEST(CanonicalDefault, JsonDefaultsAreTheirJsonValue) {
  // drizzle-kit 0.31.11 writes .default("none") on a jsonb column as 'none': the JSON string.
  EXPECT_EQ(canonical_default("'none'", "jsonb"), "'\"none\"'");
  EXPECT_EQ(canonical_default("'\"none\"'::jsonb", "jsonb"), "'\"none\"'");
  EXPECT_EQ(canonical_default("''", "jsonb"), "'\"\"'");
  EXPECT_EQ(canonical_default("'\"\"'::jsonb", "jsonb"), "'\"\"'");
  // An object: jsonb orders keys shorter first, then bytewise, and prints ", " and ": ".
  EXPECT_EQ(canonical_default("'{\"z\":1,\"a\":[2,3],\"bb\":{}}'::jsonb", "jsonb"), "'{\"a\": [2, 3], \"z\": 1, \"bb\": {}}'");
  EXPECT_EQ(canonical_default("'{\"a\": [2, 3], \"z\": 1, \"bb\": {}}'::jsonb", "jsonb"),
            "'{\"a\": [2, 3], \"z\": 1, \"bb\": {}}'");
  EXPECT_EQ(canonical_default("'5'::jsonb", "jsonb"), "'5'");
  EXPECT_EQ(canonical_default("'it''s'", "jsonb"), "'\"it''s\"'");
  // json keeps its text as written; the cast alone says the type when the column's is unknown.
  EXPECT_EQ(canonical_default("'{\"z\":1,\"a\":2}'::json", "json"), "'{\"z\":1,\"a\":2}'");
  EXPECT_EQ(canonical_default("'none'", "json"), "'\"none\"'");
  EXPECT_EQ(canonical_default("'{\"z\":1,\"a\":2}'::jsonb", ""), "'{\"a\": 2, \"z\": 1}'");
  // Other types and expressions are left to canonical_default(expression).
  EXPECT_EQ(canonical_default("'none'", "text"), "'none'");
  EXPECT_EQ(canonical_default("jsonb_build_object('a', 1)", "jsonb"), canonical_default("jsonb_build_object('a', 1)"));
}

TEST(TruncatedIdentifier, CutsAt63BytesOnACharacterBoundary) {
  using miglint::schema::truncated_identifier;
  EXPECT_EQ(truncated_identifier(std::string(63, 'a')), std::string(63, 'a'));
  EXPECT_EQ(truncated_identifier(std::string(70, 'a')), std::string(63, 'a'));
  // "é" is two bytes: at bytes 62-63 it does not fit, and goes whole.
  EXPECT_EQ(truncated_identifier(std::string(62, 'a') + "\xc3\xa9" + "b"), std::string(62, 'a'));
  EXPECT_EQ(truncated_identifier(std::string(61, 'a') + "\xc3\xa9" + "b"), std::string(61, 'a') + "\xc3\xa9");
}

// Index keys as PostgreSQL reads them from CREATE INDEX's text, with the options pg_get_indexdef
// prints: no default operator class, DESC, NULLS where not the default for the direction.
TEST(IndexKeys, ReadAsPostgresqlReadsThem) {
  using miglint::schema::index_key_from_sql;
  const Pairs keys = {{"\"created_at\" DESC", "created_at desc"},
                      {"\"created_at\" DESC NULLS FIRST", "created_at desc"},
                      {"\"created_at\" DESC NULLS LAST", "created_at desc nulls last"},
                      {"\"created_at\" ASC NULLS FIRST", "created_at nulls first"},
                      {"\"id\" COLLATE \"C\"", "id"},
                      {"\"name\" text_ops", "name"},
                      {"\"name\" pg_catalog.text_pattern_ops DESC", "name text_pattern_ops desc"},
                      {"lower(\"users\".\"email\") DESC", "lower(email) desc"},
                      {"(\"processor\" ->> 'id')", canonical_expression("\"processor\" ->> 'id'", "users")},
                      {"\"Name\"", "Name"}};
  for (const auto& [sql, key] : keys) EXPECT_EQ(index_key_from_sql(sql, "users", "btree"), key) << sql;
  EXPECT_EQ(index_key_from_sql("\"name\" gin_trgm_ops", "users", "gin"), "name gin_trgm_ops");
  EXPECT_EQ(index_key_from_sql("\"tags\" array_ops", "users", "gin"), "tags");
  EXPECT_EQ(index_key_from_sql("\"name\" text_ops", "users", "hash"), "name");
  EXPECT_EQ(index_key_from_sql("\"addr\" inet_ops", "users", "gist"), "addr inet_ops");  // gist's is not the default
  EXPECT_EQ(index_key_from_sql(std::string(70, 'c'), "users", "btree"), std::string(63, 'c'));
  EXPECT_FALSE(index_key_from_sql("a, b", "users", "btree"));
  EXPECT_FALSE(index_key_from_sql("a); DROP TABLE users; --", "users", "btree"));
}

}  // namespace

namespace {

// A view's query as drizzle-kit's query builder writes it, and as PostgreSQL 15's pg_get_viewdef()
// prints it once created (seen on the tests' server).
TEST(CanonicalViewDefinition, DrizzleKitAndPgGetViewdefSpellingsAgree) {
  using miglint::schema::canonical_view_definition;
  const Pairs views = {
      {"select \"status\", count(*) as \"n\" from \"users\" group by \"users\".\"status\"",
       " SELECT users.status,\n    count(*) AS n\n   FROM users\n  GROUP BY users.status;"},
      {"select \"id\", \"name\" from \"users\" where \"users\".\"deleted_at\" is null",
       " SELECT users.id,\n    users.name\n   FROM users\n  WHERE users.deleted_at IS NULL;"},
      {"select count(*) from \"people\"", " SELECT count(*) AS count\n   FROM people;"},
      {"select \"u\".\"id\", \"o\".\"total\" from \"auth\".\"users\" \"u\" inner join \"orders\" \"o\" on \"u\".\"id\" = \"o\".\"user_id\"",
       " SELECT u.id,\n    o.total\n   FROM (auth.users u\n     JOIN orders o ON ((u.id = o.user_id)));"},
      {"select \"email\" from \"users\" where \"email\" like '%@example.com'",
       " SELECT users.email\n   FROM users\n  WHERE (users.email ~~ '%@example.com'::text);"}};
  for (const auto& [drizzle, catalog] : views) {
    EXPECT_EQ(canonical_view_definition(drizzle), canonical_view_definition(catalog)) << drizzle;
    EXPECT_TRUE(canonical_view_definition(drizzle)) << drizzle;
  }
  EXPECT_EQ(canonical_view_definition("select \"status\", count(*) as \"n\" from \"users\" group by \"users\".\"status\""),
            "select status, count(*) as n from users group by status");
  // A different query is still different.
  EXPECT_NE(canonical_view_definition("select id from users where age > 18"),
            canonical_view_definition("select id from users where age > 21"));
  // What PostgreSQL rewrites beyond matching is left unknown on every side.
  EXPECT_FALSE(canonical_view_definition("select * from users"));
  EXPECT_FALSE(canonical_view_definition("select u.* from users u"));
  EXPECT_FALSE(canonical_view_definition("select id from users where age between 18 and 65"));
}

}  // namespace
