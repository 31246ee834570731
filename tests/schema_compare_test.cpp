// compare() and describe() (schema/compare.h) on small models built by hand: what differs is
// named once, in a fixed order, and nothing marked unknown is ever reported.
#include "schema/compare.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace miglint::schema {
namespace {

Column column(std::string name, std::string type, bool not_null = false) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.not_null = not_null;
  return c;
}

// public.users (id integer PK, email text) with an index, a foreign key, a unique constraint and
// a check; public.orgs; enum public.mood; sequence public.counter; view public.v; schema auth.
Schema sample() {
  Schema s;
  s.schemas = {"auth"};
  Table orgs;
  orgs.name = {"public", "orgs"};
  orgs.columns = {column("id", "integer", true)};
  orgs.primary_key = PrimaryKey{"orgs_pkey", {"id"}};
  s.tables[orgs.name] = orgs;
  Table users;
  users.name = {"public", "users"};
  users.columns = {column("id", "integer", true), column("email", "text"), column("org_id", "integer")};
  users.primary_key = PrimaryKey{"", {"id"}};
  users.indexes["users_email_idx"] = Index{"users_email_idx", {"email"}, false, "btree", std::nullopt, false};
  users.foreign_keys["users_org_fk"] =
      ForeignKey{"users_org_fk", {"org_id"}, {"public", "orgs"}, {"id"}, "cascade", "no action"};
  users.unique_constraints["users_email_unique"] = UniqueConstraint{"users_email_unique", {"email"}, false};
  users.checks["users_id_check"] = CheckConstraint{"users_id_check", "id > 0"};
  s.tables[users.name] = users;
  s.enums[{"public", "mood"}] = Enum{{"public", "mood"}, {"sad", "ok"}, false};
  s.sequences[{"public", "counter"}] = Sequence{{"public", "counter"}, {{"increment", "1"}}, false};
  s.views[{"public", "v"}] = View{{"public", "v"}, false, "select 1", false};
  return s;
}

std::vector<std::string> described(const std::vector<Difference>& differences) {
  std::vector<std::string> out;
  for (const auto& d : differences) out.push_back(describe(d));
  return out;
}

const QualifiedName users{"public", "users"};

TEST(SchemaCompare, EqualModelsHaveNoDifference) {
  EXPECT_TRUE(compare(sample(), sample()).empty());
  EXPECT_TRUE(compare(Schema{}, Schema{}).empty());
}

TEST(SchemaCompare, DifferencesComeInObjectOrderWithBothValues) {
  Schema actual = sample();
  actual.schemas.clear();
  actual.enums[{"public", "mood"}].values.push_back("happy");
  actual.sequences[{"public", "counter"}].options["increment"] = "5";
  Table& u = actual.tables[users];
  u.column("email")->type = "character varying(255)";
  u.column("email")->not_null = true;
  u.column("email")->default_value = "'x'";
  u.columns.push_back(column("phone", "text"));
  u.indexes.erase("users_email_idx");
  u.foreign_keys["users_org_fk"].on_delete = "restrict";
  u.checks["users_id_check"].expression = "id > 1";
  u.rls_enabled = true;
  actual.tables.erase({"public", "orgs"});
  actual.views[{"public", "v"}].materialized = true;
  EXPECT_EQ(described(compare(sample(), actual)),
            (std::vector<std::string>{
                "schema auth: here, not there",
                "enum public.mood: values sad, ok here, sad, ok, happy there",
                "sequence public.counter: increment 1 here, 5 there",
                "table public.orgs: here, not there",
                "column public.users.email: type text here, character varying(255) there",
                "column public.users.email: not null no here, yes there",
                "column public.users.email: default none here, 'x' there",
                "column public.users.phone: there, not here",
                "index public.users.users_email_idx: here, not there",
                "foreign key public.users.users_org_fk: on delete cascade here, restrict there",
                "check constraint public.users.users_id_check: expression id > 0 here, id > 1 there",
                "row level security public.users: there, not here",
                "view public.v: materialized no here, yes there",
            }));
}

// A foreign key the SQL wrote unnamed (SQLite, 0.x SQL) has no name in the database: it is the
// one the snapshot names otherwise when it is the same key (opencode's fk_-prefixed names after
// up), and still reported when it is another.
TEST(SchemaCompare, AnUnnamedForeignKeyIsTheOneTheSnapshotNamesOtherwise) {
  Schema actual = sample();
  Table& u = actual.tables[users];
  ForeignKey unnamed = u.foreign_keys.at("users_org_fk");
  unnamed.name.clear();
  u.foreign_keys.clear();
  u.foreign_keys["users_org_id_orgs_id_fk"] = unnamed;
  EXPECT_TRUE(compare(sample(), actual).empty());
  u.foreign_keys["users_org_id_orgs_id_fk"].on_delete = "set null";
  EXPECT_EQ(described(compare(sample(), actual)),
            (std::vector<std::string>{"foreign key public.users.users_org_fk: on delete cascade here, set null there"}));
  u.foreign_keys["users_org_id_orgs_id_fk"].columns = {"id"};
  EXPECT_EQ(described(compare(sample(), actual)),
            (std::vector<std::string>{"foreign key public.users.users_org_fk: here, not there",
                                      "foreign key public.users.users_org_id_orgs_id_fk: there, not here"}));
  // Both named: names are compared as before.
  u.foreign_keys["users_org_id_orgs_id_fk"] = sample().tables[users].foreign_keys.at("users_org_fk");
  u.foreign_keys["users_org_id_orgs_id_fk"].name = "users_org_id_orgs_id_fk";
  EXPECT_EQ(described(compare(sample(), actual)),
            (std::vector<std::string>{"foreign key public.users.users_org_fk: here, not there",
                                      "foreign key public.users.users_org_id_orgs_id_fk: there, not here"}));
}

TEST(SchemaCompare, DifferencesCarryTheirParts) {
  Schema actual = sample();
  actual.tables[users].column("email")->type = "citext";
  std::vector<Difference> d = compare(sample(), actual);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], (Difference{Difference::Kind::Changed, "column", "public.users.email", "type", "text", "citext"}));
}

TEST(SchemaCompare, UnknownPartsAreNeverReported) {
  Schema actual = sample();
  Table& u = actual.tables[users];
  u.column("email")->type = "whatever";
  u.column("email")->unknown = true;  // only its presence is known
  u.indexes["users_email_idx"].keys = {"lower(email)"};
  u.indexes["users_email_idx"].unknown = true;
  actual.enums[{"public", "mood"}].values.clear();
  actual.enums[{"public", "mood"}].unknown = true;
  EXPECT_TRUE(compare(sample(), actual).empty());
  // An unknown table: its parts are not compared, its existence still is.
  Schema unknown_table = sample();
  unknown_table.tables[users].columns.clear();
  unknown_table.tables[users].unknown = true;
  unknown_table.tables.erase({"public", "orgs"});
  EXPECT_EQ(described(compare(sample(), unknown_table)), std::vector<std::string>{"table public.orgs: here, not there"});
}

TEST(SchemaCompare, UnknownSchemasHideTheirObjects) {
  Schema expected = sample();
  Schema actual;  // as after DROP SCHEMA public CASCADE, which the builder could not follow
  actual.schemas = {"auth"};
  actual.unknown_schemas = {"public"};
  EXPECT_TRUE(compare(expected, actual).empty());
  actual.unknown_schemas = {""};  // everything
  actual.schemas.clear();
  EXPECT_TRUE(compare(expected, actual).empty());
  Schema lost;
  lost.everything_unknown = true;
  EXPECT_TRUE(compare(expected, lost).empty());
  EXPECT_TRUE(compare(lost, expected).empty());
}

TEST(SchemaCompare, PrimaryKeyNamesOneSideLacksAreNotReported) {
  Schema actual = sample();
  actual.tables[users].primary_key->name = "users_pkey";  // the catalog's name; the snapshot had none
  EXPECT_TRUE(compare(sample(), actual).empty());
  actual.tables[{"public", "orgs"}].primary_key->name = "orgs_id_pk";
  EXPECT_EQ(described(compare(sample(), actual)),
            std::vector<std::string>{"primary key public.orgs: name orgs_pkey here, orgs_id_pk there"});
  EXPECT_TRUE(compare(sample(), actual, CompareOptions{.names = false}).empty());
}

TEST(SchemaCompare, WithoutNamesConstraintsAndIndexesMatchByWhatTheyAre) {
  Schema actual = sample();
  Table& u = actual.tables[users];
  auto rename = [](auto& map, const std::string& from, const std::string& to) {
    auto node = map.extract(from);
    node.key() = to;
    node.mapped().name = to;
    map.insert(std::move(node));
  };
  rename(u.indexes, "users_email_idx", "idx_1");
  rename(u.foreign_keys, "users_org_fk", "fk_1");
  rename(u.unique_constraints, "users_email_unique", "uq_1");
  rename(u.checks, "users_id_check", "ck_1");
  EXPECT_EQ(compare(sample(), actual).size(), 8u);  // by name: four missing, four extra
  EXPECT_TRUE(compare(sample(), actual, CompareOptions{.names = false}).empty());
  // What the part is still counts.
  u.foreign_keys["fk_1"].on_delete = "set null";
  u.indexes["idx_1"].keys = {"org_id"};
  EXPECT_EQ(described(compare(sample(), actual, CompareOptions{.names = false})),
            (std::vector<std::string>{
                "index public.users.users_email_idx: here, not there",
                "index public.users.idx_1: there, not here",
                "foreign key public.users.users_org_fk: on delete cascade here, set null there",
            }));
}

TEST(SchemaCompare, PoliciesAndTheirFields) {
  Schema expected = sample();
  Policy p;
  p.name = "own_rows";
  p.command = "select";
  p.roles = {"authenticated"};
  p.using_expression = "user_id = auth.uid()";
  expected.tables[users].policies[p.name] = p;
  expected.tables[users].rls_enabled = true;
  Schema actual = expected;
  Policy& q = actual.tables[users].policies["own_rows"];
  q.as = "restrictive";
  q.roles = {"anon", "authenticated"};
  q.with_check = "true";
  EXPECT_EQ(described(compare(expected, actual)),
            (std::vector<std::string>{
                "policy public.users.own_rows: as permissive here, restrictive there",
                "policy public.users.own_rows: to authenticated here, anon, authenticated there",
                "policy public.users.own_rows: with check none here, true there",
            }));
}

}  // namespace
}  // namespace miglint::schema
