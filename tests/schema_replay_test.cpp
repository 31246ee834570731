// replay_postgres(): a migration's SQL applied to a schema model, statement by statement. Unit
// cases per statement kind from small SQL texts, then the proof on real folders: replaying
// migration N's SQL on snapshot N-1's model gives snapshot N's model.
#include <gtest/gtest.h>

#include <string>

#include "load/model.h"
#include "schema/normalize.h"
#include "schema/replay.h"

namespace miglint::schema {
namespace {

SqlFile sql_file(std::string text) {
  SqlFile f;
  f.file_name = "0001_test.sql";
  f.tag = "0001_test";
  f.relative_path = f.file_name;
  f.file = TextFile(f.file_name, std::move(text));
  return f;
}

ReplayResult replay(const std::string& text, const Schema& before = {}) {
  const SqlFile file = sql_file(text);
  return replay_postgres(before, file);
}

Schema after(const std::string& text, const Schema& before = {}) { return replay(text, before).after; }

QualifiedName pub(const std::string& name) { return {"public", name}; }

const Table& table(const Schema& s, const std::string& name, const std::string& schema_name = "public") {
  const Table* t = s.table({schema_name, name});
  if (!t) throw std::runtime_error("no table " + name);
  return *t;
}

const Column& column(const Schema& s, const std::string& table_name, const std::string& column_name) {
  const Column* c = table(s, table_name).column(column_name);
  if (!c) throw std::runtime_error("no column " + column_name);
  return *c;
}

// ---- CREATE TABLE ----

TEST(ReplayPostgres, CreateTableAsDrizzleKitWritesIt) {
  const Schema s = after(R"(CREATE TYPE "public"."order_status" AS ENUM('pending', 'paid', 'shipped');--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"order_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "order_items_order_id_product_id_pk" PRIMARY KEY("order_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "order_status" DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	CONSTRAINT "products_sku_unique" UNIQUE("sku")
);
)");
  EXPECT_EQ(s.enums.at(pub("order_status")).values, (std::vector<std::string>{"pending", "paid", "shipped"}));
  const Column& id = column(s, "customers", "id");
  EXPECT_EQ(id.type, "uuid");
  EXPECT_TRUE(id.not_null);
  EXPECT_EQ(id.default_value, canonical_default("gen_random_uuid()"));
  EXPECT_EQ(column(s, "customers", "created_at").type, "timestamp with time zone");
  EXPECT_EQ(column(s, "customers", "created_at").default_value, canonical_default("now()"));
  EXPECT_FALSE(column(s, "customers", "email").default_value);
  EXPECT_EQ(table(s, "customers").primary_key->name, "customers_pkey");
  EXPECT_EQ(table(s, "customers").primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_EQ(table(s, "order_items").primary_key->name, "order_items_order_id_product_id_pk");
  EXPECT_EQ(table(s, "order_items").primary_key->columns, (std::vector<std::string>{"order_id", "product_id"}));
  EXPECT_EQ(column(s, "order_items", "quantity").default_value, canonical_default("1"));
  EXPECT_EQ(column(s, "orders", "status").type, "order_status");
  EXPECT_EQ(column(s, "orders", "status").default_value, canonical_default("'pending'"));
  const Column& product_id = column(s, "products", "id");
  ASSERT_TRUE(product_id.identity);
  EXPECT_EQ(product_id.identity->generation, "always");
  EXPECT_TRUE(product_id.not_null);
  EXPECT_EQ(table(s, "products").unique_constraints.at("products_sku_unique").columns, std::vector<std::string>{"sku"});
  EXPECT_TRUE(s.sequences.empty());  // an identity's sequence is the column's, not a model object
}

TEST(ReplayPostgres, TypesAreSpelledAsFormatTypeSpellsThem) {
  const Schema s = after(R"(CREATE TABLE t (
  a varchar(255), b VARCHAR, c numeric(10, 2), d timestamp(3), e timestamptz, f text[], g int, h int8,
  i double precision, j bool, k char(2), l interval day, m "public"."buildType", n "auth"."role"[],
  o decimal, p time with time zone, q jsonb, r integer[][], s bit varying(8), t float4, u smallint
);)");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", "character varying(255)"}, {"b", "character varying"}, {"c", "numeric(10,2)"},
      {"d", "timestamp(3) without time zone"}, {"e", "timestamp with time zone"}, {"f", "text[]"},
      {"g", "integer"}, {"h", "bigint"}, {"i", "double precision"}, {"j", "boolean"}, {"k", "character(2)"},
      {"l", "interval day"}, {"m", "\"buildType\""}, {"n", "auth.role[]"}, {"o", "numeric"},
      {"p", "time with time zone"}, {"q", "jsonb"}, {"r", "integer[]"}, {"s", "bit varying(8)"}, {"t", "real"},
      {"u", "smallint"}};
  for (const auto& [name, type] : expected) EXPECT_EQ(column(s, "t", name).type, type) << name;
  for (const auto& [name, type] : expected) EXPECT_EQ(canonical_type(type), type) << "not canonical: " << type;
}

TEST(ReplayPostgres, SerialColumnsAreIntegersWithTheirSequenceDefault) {
  const Schema s = after(R"(CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "n" bigserial, "s" smallserial);
CREATE TABLE "auth"."Keys" ("id" serial);)");
  const Column& id = column(s, "users", "id");
  EXPECT_EQ(id.type, "integer");
  EXPECT_TRUE(id.not_null);
  EXPECT_EQ(id.default_value, serial_default("public", "users", "id"));
  EXPECT_EQ(column(s, "users", "n").type, "bigint");
  EXPECT_TRUE(column(s, "users", "n").not_null);
  EXPECT_EQ(column(s, "users", "s").type, "smallint");
  EXPECT_EQ(s.table({"auth", "Keys"})->column("id")->default_value, serial_default("auth", "Keys", "id"));
}

TEST(ReplayPostgres, DefaultsAreTakenFromTheTextWhateverFollowsThem) {
  const Schema s = after(R"(CREATE TABLE "t" (
	"a" text DEFAULT 'x' NOT NULL,
	"b" jsonb DEFAULT '{"a":1,"b":[2,3]}'::jsonb,
	"c" integer DEFAULT (1 + 2),
	"d" integer DEFAULT -1 NOT NULL,
	"e" text[] DEFAULT ARRAY['a', 'b']::text[],
	"f" boolean DEFAULT false /* a comment, (with a parenthesis */,
	"g" timestamp DEFAULT now());
ALTER TABLE "t" ALTER COLUMN "a" SET DEFAULT 'y', ALTER COLUMN "c" DROP DEFAULT;)");
  EXPECT_EQ(column(s, "t", "a").default_value, canonical_default("'y'"));
  EXPECT_EQ(column(s, "t", "b").default_value, canonical_default("'{\"a\":1,\"b\":[2,3]}'::jsonb"));
  EXPECT_FALSE(column(s, "t", "c").default_value);
  EXPECT_EQ(column(s, "t", "d").default_value, canonical_default("-1"));
  EXPECT_TRUE(column(s, "t", "d").not_null);
  EXPECT_EQ(column(s, "t", "e").default_value, canonical_default("ARRAY['a', 'b']::text[]"));
  EXPECT_EQ(column(s, "t", "f").default_value, canonical_default("false"));
  EXPECT_EQ(column(s, "t", "g").default_value, canonical_default("now()"));
}

TEST(ReplayPostgres, ChecksGeneratedColumnsAndUnnamedConstraintsGetPostgresNames) {
  const Schema s = after(R"(CREATE TABLE "p" ("id" integer PRIMARY KEY);
CREATE TABLE "t" (
  "id" integer,
  "price" numeric CHECK ("price" > 0),
  "twice" numeric GENERATED ALWAYS AS ("price" * 2) STORED,
  "email" text UNIQUE,
  "p_id" integer REFERENCES "p" ON DELETE CASCADE,
  CONSTRAINT "named" CHECK (("id" > 1) AND ("id" < 100)),
  CHECK ("price" < 1000),
  UNIQUE NULLS NOT DISTINCT ("id", "email"),
  FOREIGN KEY ("id") REFERENCES "p" ("id") ON UPDATE SET NULL
);)");
  const Table& t = table(s, "t");
  EXPECT_EQ(t.checks.at("t_price_check").expression, canonical_expression("\"price\" > 0", "t"));
  EXPECT_EQ(t.checks.at("t_price_check1").expression, canonical_expression("\"price\" < 1000", "t"));
  EXPECT_EQ(t.checks.at("named").expression, canonical_expression("(\"id\" > 1) AND (\"id\" < 100)", "t"));
  EXPECT_EQ(column(s, "t", "twice").generated, canonical_expression("\"price\" * 2", "t"));
  EXPECT_EQ(t.unique_constraints.at("t_email_key").columns, std::vector<std::string>{"email"});
  EXPECT_FALSE(t.unique_constraints.at("t_email_key").nulls_not_distinct);
  EXPECT_TRUE(t.unique_constraints.at("t_id_email_key").nulls_not_distinct);
  const ForeignKey& to_p = t.foreign_keys.at("t_p_id_fkey");
  EXPECT_EQ(to_p.references, pub("p"));
  EXPECT_EQ(to_p.referenced_columns, std::vector<std::string>{"id"});  // p's primary key
  EXPECT_EQ(to_p.on_delete, "cascade");
  EXPECT_EQ(to_p.on_update, "no action");
  EXPECT_EQ(t.foreign_keys.at("t_id_fkey").on_update, "set null");
}

TEST(ReplayPostgres, LongConstraintNamesAreCutAsPostgresCutsThem) {
  const std::string long_table(40, 't'), long_column(40, 'c');
  const Schema s = after("CREATE TABLE " + long_table + " (" + long_column + " int UNIQUE);");
  // 63 bytes: the longer name shortened first, then "_key".
  const std::string expected = std::string(29, 't') + "_" + std::string(29, 'c') + "_key";
  EXPECT_EQ(table(s, long_table).unique_constraints.count(expected), 1u);
}

// ---- ALTER TABLE ----

const char* kShop = R"(CREATE TABLE "users" ("id" integer PRIMARY KEY, "email" text, "name" text);
CREATE TABLE "posts" ("id" serial PRIMARY KEY, "user_id" integer, "title" text);
ALTER TABLE "posts" ADD CONSTRAINT "posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
CREATE INDEX "posts_title_idx" ON "posts" USING btree ("title");
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email")) WHERE "email" IS NOT NULL;)";

TEST(ReplayPostgres, AlterColumnCommands) {
  const Schema base = after(kShop);
  const Schema s = after(R"(ALTER TABLE "users" ADD COLUMN "age" integer DEFAULT 18 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "name" SET DATA TYPE varchar(100) USING "name"::varchar(100);--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL, ALTER COLUMN "name" SET DEFAULT 'anon';--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "age" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "user_id" TYPE bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "n" integer GENERATED BY DEFAULT AS IDENTITY;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "n" SET GENERATED ALWAYS;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "m" integer;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "m" ADD GENERATED ALWAYS AS IDENTITY (sequence name "users_m_seq" START WITH 1);--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "m" DROP IDENTITY;)",
                         base);
  EXPECT_EQ(column(s, "users", "age").default_value, canonical_default("18"));
  EXPECT_FALSE(column(s, "users", "age").not_null);
  EXPECT_EQ(column(s, "users", "name").type, "character varying(100)");
  EXPECT_TRUE(column(s, "users", "name").not_null);
  EXPECT_EQ(column(s, "users", "name").default_value, canonical_default("'anon'"));
  EXPECT_EQ(column(s, "posts", "user_id").type, "bigint");
  EXPECT_EQ(column(s, "users", "n").identity->generation, "always");
  EXPECT_FALSE(column(s, "users", "m").identity);
  EXPECT_TRUE(column(s, "users", "m").not_null);  // dropping the identity keeps NOT NULL
  const std::vector<std::string> order = {"id", "email", "name", "age", "n", "m"};
  ASSERT_EQ(table(s, "users").columns.size(), order.size());
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(table(s, "users").columns[i].name, order[i]);
}

TEST(ReplayPostgres, DroppingAColumnTakesItsIndexesAndConstraints) {
  const Schema s = after(R"(ALTER TABLE "users" DROP COLUMN "email";
ALTER TABLE "posts" DROP COLUMN IF EXISTS "nothing";
ALTER TABLE "users" DROP COLUMN "id" CASCADE;)",
                         after(kShop));
  EXPECT_FALSE(table(s, "users").column("email"));
  EXPECT_TRUE(table(s, "users").indexes.empty());  // its expression index read the column
  EXPECT_FALSE(table(s, "users").primary_key);
  EXPECT_TRUE(table(s, "posts").foreign_keys.empty());  // CASCADE: the foreign key to users.id
  EXPECT_EQ(table(s, "posts").indexes.size(), 1u);
}

TEST(ReplayPostgres, RenamesFollowEverythingThatNamesTheObject) {
  const Schema s = after(R"(ALTER TABLE "users" RENAME COLUMN "email" TO "mail";
ALTER TABLE "users" RENAME COLUMN "id" TO "user_id";
ALTER TABLE "users" RENAME TO "people";
ALTER TABLE "posts" RENAME CONSTRAINT "posts_user_id_users_id_fk" TO "posts_author_fk";
ALTER INDEX "posts_title_idx" RENAME TO "posts_heading_idx";
ALTER INDEX "users_pkey" RENAME TO "people_pkey";)",
                         after(kShop));
  const Table& people = table(s, "people");
  EXPECT_FALSE(s.table(pub("users")));
  EXPECT_EQ(people.indexes.at("users_email_idx").keys, std::vector<std::string>{canonical_expression("lower(\"mail\")", "people")});
  EXPECT_EQ(people.indexes.at("users_email_idx").where, canonical_expression("\"mail\" IS NOT NULL", "people"));
  EXPECT_EQ(people.primary_key->name, "people_pkey");  // renaming a constraint's index renames the constraint
  EXPECT_EQ(people.primary_key->columns, std::vector<std::string>{"user_id"});
  const ForeignKey& fk = table(s, "posts").foreign_keys.at("posts_author_fk");
  EXPECT_EQ(fk.references, pub("people"));
  EXPECT_EQ(fk.referenced_columns, std::vector<std::string>{"user_id"});
  EXPECT_EQ(table(s, "posts").indexes.count("posts_heading_idx"), 1u);
}

TEST(ReplayPostgres, SetSchemaMovesTheTableAndWhatPointsAtIt) {
  const Schema s = after(R"(CREATE SCHEMA "app"; ALTER TABLE "users" SET SCHEMA "app";)", after(kShop));
  EXPECT_TRUE(s.schemas.count("app"));
  EXPECT_TRUE(s.table({"app", "users"}));
  EXPECT_EQ(table(s, "posts").foreign_keys.at("posts_user_id_users_id_fk").references, (QualifiedName{"app", "users"}));
}

TEST(ReplayPostgres, ConstraintsAddedAndDropped) {
  const Schema s = after(R"(ALTER TABLE "users" ADD CONSTRAINT "users_email_unique" UNIQUE NULLS NOT DISTINCT("email");
ALTER TABLE "users" ADD CONSTRAINT "age_check" CHECK ("id" > 0) NOT VALID;
ALTER TABLE "users" DROP CONSTRAINT "users_pkey";
ALTER TABLE "users" ADD CONSTRAINT "users_pk" PRIMARY KEY ("id", "email");
ALTER TABLE "posts" DROP CONSTRAINT IF EXISTS "nothing";
ALTER TABLE "posts" DROP CONSTRAINT "posts_user_id_users_id_fk";)",
                         after(kShop));
  const Table& users = table(s, "users");
  EXPECT_TRUE(users.unique_constraints.at("users_email_unique").nulls_not_distinct);
  EXPECT_EQ(users.checks.at("age_check").expression, canonical_expression("\"id\" > 0", "users"));
  EXPECT_EQ(users.primary_key->name, "users_pk");
  EXPECT_TRUE(column(s, "users", "email").not_null);  // a primary key's columns become NOT NULL
  EXPECT_TRUE(table(s, "posts").foreign_keys.empty());
}

TEST(ReplayPostgres, RowLevelSecurityAndPolicies) {
  const Schema s = after(R"(ALTER TABLE "posts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own" ON "posts" AS RESTRICTIVE FOR UPDATE TO "authenticated", admin USING ("user_id" = 1) WITH CHECK (true);
CREATE POLICY "everyone" ON "posts";
CREATE POLICY "gone" ON "posts" FOR SELECT USING (true);
ALTER POLICY "everyone" ON "posts" TO reader USING ("title" <> '');
DROP POLICY "gone" ON "posts";
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" DISABLE ROW LEVEL SECURITY;)",
                         after(kShop));
  const Table& posts = table(s, "posts");
  EXPECT_TRUE(posts.rls_enabled);
  EXPECT_FALSE(table(s, "users").rls_enabled);
  const Policy& own = posts.policies.at("own");
  EXPECT_EQ(own.as, "restrictive");
  EXPECT_EQ(own.command, "update");
  EXPECT_EQ(own.roles, (std::vector<std::string>{"admin", "authenticated"}));
  EXPECT_EQ(own.using_expression, canonical_expression("\"user_id\" = 1"));
  EXPECT_EQ(own.with_check, canonical_expression("true"));
  const Policy& everyone = posts.policies.at("everyone");
  EXPECT_EQ(everyone.as, "permissive");
  EXPECT_EQ(everyone.command, "all");
  EXPECT_EQ(everyone.roles, std::vector<std::string>{"reader"});
  EXPECT_EQ(everyone.using_expression, canonical_expression("\"title\" <> ''"));
  EXPECT_FALSE(posts.policies.count("gone"));
}

// ---- indexes ----

TEST(ReplayPostgres, IndexesWithMethodsExpressionsAndPredicates) {
  const Schema s = after(R"(CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "t_idx" ON "posts" USING gin ((lower("title")) gin_trgm_ops, "user_id" DESC NULLS FIRST) WHERE ("user_id" > 0 AND "title" IS NOT NULL);
CREATE INDEX ON "posts" ("user_id", "title");
CREATE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("id");
DROP INDEX IF EXISTS "nothing";
DROP INDEX "users_email_idx";)",
                         after(kShop));
  const Index& gin = table(s, "posts").indexes.at("t_idx");
  EXPECT_TRUE(gin.unique);
  EXPECT_EQ(gin.method, "gin");
  EXPECT_EQ(gin.keys, (std::vector<std::string>{canonical_expression("lower(\"title\")", "posts"), "user_id"}));
  EXPECT_EQ(gin.where, canonical_expression("\"user_id\" > 0 AND \"title\" IS NOT NULL", "posts"));
  EXPECT_EQ(table(s, "posts").indexes.at("posts_user_id_title_idx").keys, (std::vector<std::string>{"user_id", "title"}));
  EXPECT_EQ(table(s, "posts").indexes.at("posts_title_idx").keys, std::vector<std::string>{"title"});  // kept
  EXPECT_TRUE(table(s, "users").indexes.empty());
}

// ---- types, sequences, schemas, views ----

TEST(ReplayPostgres, EnumsGainRenameAndLoseValues) {
  const Schema s = after(R"(CREATE TYPE "public"."mood" AS ENUM('sad', 'happy');
ALTER TYPE "public"."mood" ADD VALUE 'ok' BEFORE 'happy';
ALTER TYPE "mood" ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE "mood" ADD VALUE 'meh';
ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'sad';
ALTER TYPE "mood" RENAME VALUE 'sad' TO 'blue';
CREATE TABLE "people" ("m" "mood", "ms" "mood"[]);
ALTER TYPE "mood" RENAME TO "feeling";
CREATE TYPE "status" AS ENUM('a');
DROP TYPE "status";)");
  EXPECT_FALSE(s.enums.count(pub("mood")));
  EXPECT_FALSE(s.enums.count(pub("status")));
  EXPECT_EQ(s.enums.at(pub("feeling")).values, (std::vector<std::string>{"blue", "ok", "happy", "ecstatic", "meh"}));
  EXPECT_EQ(column(s, "people", "m").type, "feeling");
  EXPECT_EQ(column(s, "people", "ms").type, "feeling[]");
}

TEST(ReplayPostgres, SequencesTakePostgresDefaultsForWhatTheSqlOmits) {
  const Schema s = after(R"(CREATE SEQUENCE "public"."counter" INCREMENT BY 2 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10 CACHE 1;
CREATE SEQUENCE "down" INCREMENT BY -1;
CREATE SEQUENCE "small" AS integer CYCLE;
CREATE SEQUENCE "gone";
ALTER SEQUENCE "counter" INCREMENT BY 5 NO CYCLE;
DROP SEQUENCE "gone";)");
  using Options = std::map<std::string, std::string>;
  EXPECT_EQ(s.sequences.at(pub("counter")).options,
            (Options{{"increment", "5"}, {"min", "1"}, {"max", "9223372036854775807"}, {"start", "10"}, {"cache", "1"}, {"cycle", "false"}}));
  EXPECT_EQ(s.sequences.at(pub("down")).options,
            (Options{{"increment", "-1"}, {"min", "-9223372036854775808"}, {"max", "-1"}, {"start", "-1"}, {"cache", "1"}, {"cycle", "false"}}));
  EXPECT_EQ(s.sequences.at(pub("small")).options.at("max"), "2147483647");
  EXPECT_EQ(s.sequences.at(pub("small")).options.at("cycle"), "true");
  EXPECT_FALSE(s.sequences.count(pub("gone")));
}

TEST(ReplayPostgres, SchemasAndWhatDroppingThemTakes) {
  const Schema s = after(R"(CREATE SCHEMA "app";
CREATE SCHEMA IF NOT EXISTS "app";
CREATE SCHEMA "tmp";
CREATE TABLE "tmp"."t" ("id" integer PRIMARY KEY);
CREATE TYPE "tmp"."e" AS ENUM('x');
CREATE TABLE "app"."u" ("t_id" integer REFERENCES "tmp"."t"("id"));
DROP SCHEMA "tmp" CASCADE;)");
  EXPECT_EQ(s.schemas, std::set<std::string>{"app"});
  EXPECT_TRUE(s.tables.count({"app", "u"}));
  EXPECT_FALSE(s.tables.count({"tmp", "t"}));
  EXPECT_TRUE(s.enums.empty());
  EXPECT_TRUE(s.table({"app", "u"})->foreign_keys.empty());
}

TEST(ReplayPostgres, ViewsAndMaterializedViews) {
  const Schema s = after(R"(CREATE VIEW "public"."v" AS (select "id" from "users" where "id" > 1);
CREATE MATERIALIZED VIEW "m" AS select "id", "email" from "users" WITH NO DATA;
CREATE OR REPLACE VIEW "v" AS select 1 WITH CASCADED CHECK OPTION;
CREATE VIEW "gone" AS select 2;
DROP VIEW "gone";)",
                         after(kShop));
  EXPECT_EQ(s.views.at(pub("v")).definition, canonical_expression("select 1"));
  EXPECT_FALSE(s.views.at(pub("v")).materialized);
  EXPECT_EQ(s.views.at(pub("m")).definition, canonical_expression("select \"id\", \"email\" from \"users\""));
  EXPECT_TRUE(s.views.at(pub("m")).materialized);
  EXPECT_FALSE(s.views.count(pub("gone")));
}

}  // namespace
}  // namespace miglint::schema
