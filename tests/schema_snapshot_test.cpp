// Schema models built from real drizzle-kit snapshots (schema/from_snapshot.h):
//   * every snapshot of fixtures/generated/* and of every corpus folder models without a problem,
//     and the model holds together (keys name columns of their table, foreign keys name tables);
//   * fixtures/generated/pg-everything, made by drizzle-kit 0.31.11 from fixtures/schemas/
//     pg-everything in three migrations, models every object kind as PostgreSQL will hold it, and
//     comparing consecutive snapshots names exactly what each migration's SQL changes;
//   * the version 5 and 6 shapes (fixtures/snapshots/postgresql) model alike.
#include "schema/from_snapshot.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <filesystem>
#include <string>
#include <vector>

#include "schema/compare.h"
#include "support/run.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using schema::compare;
using schema::describe;
using schema::QualifiedName;
using schema::Schema;

std::vector<fs::path> snapshots_in(const fs::path& meta) {
  std::vector<fs::path> out;
  if (!fs::is_directory(meta)) return out;
  for (const auto& entry : fs::directory_iterator(meta)) {
    if (entry.path().filename().string().ends_with("snapshot.json")) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every meta/ folder under root (a generated folder or a corpus repository).
std::vector<fs::path> meta_folders(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_directory() && entry.path().filename() == "meta") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Dialect dialect_of(const std::string& text) {
  simdjson::dom::parser parser;
  std::string_view name;
  if (parser.parse(text).at_key("dialect").get_string().get(name)) return Dialect::PostgreSQL;
  return parse_dialect(name).value_or(Dialect::PostgreSQL);
}

Schema model_of(const fs::path& snapshot) {
  std::string text = read_file(snapshot);
  schema::SnapshotModel m = schema::schema_from_snapshot(text, dialect_of(text));
  EXPECT_TRUE(m.schema) << snapshot << ": " << m.problem;
  return m.schema.value_or(Schema{});
}

std::vector<std::string> described(const std::vector<schema::Difference>& differences) {
  std::vector<std::string> out;
  for (const auto& d : differences) out.push_back(describe(d));
  return out;
}

// What a model must hold whatever the snapshot: every part names columns of its table.
void expect_coherent(const Schema& s, const fs::path& snapshot) {
  for (const auto& [name, table] : s.tables) {
    const std::string where = snapshot.string() + ": " + name.schema + "." + name.name;
    EXPECT_FALSE(name.name.empty()) << where;
    EXPECT_FALSE(table.columns.empty()) << where;
    for (const auto& column : table.columns) EXPECT_FALSE(column.type.empty()) << where << "." << column.name;
    auto known = [&table = table](const std::vector<std::string>& columns) {  // clang 14: no binding captures
      return std::all_of(columns.begin(), columns.end(), [&](const std::string& c) { return table.column(c); });
    };
    if (table.primary_key) {
      EXPECT_TRUE(known(table.primary_key->columns)) << where << " primary key";
    }
    for (const auto& [n, fk] : table.foreign_keys) EXPECT_TRUE(known(fk.columns)) << where << " " << n;
    for (const auto& [n, u] : table.unique_constraints) EXPECT_TRUE(known(u.columns)) << where << " " << n;
    for (const auto& [n, index] : table.indexes) EXPECT_FALSE(index.keys.empty()) << where << " " << n;
  }
}

TEST(SchemaFromSnapshot, EveryGeneratedSnapshotModels) {
  int modelled = 0;
  for (const fs::path& meta : meta_folders(fixtures_dir() / "generated")) {
    for (const fs::path& snapshot : snapshots_in(meta)) {
      Schema s = model_of(snapshot);
      expect_coherent(s, snapshot);
      // A model compares equal to itself, and the parsed-element entry point gives the same model.
      EXPECT_TRUE(compare(s, s).empty()) << snapshot;
      std::string text = read_file(snapshot);
      simdjson::dom::parser parser;
      auto again = schema::schema_from_snapshot(parser.parse(text).value(), dialect_of(text));
      ASSERT_TRUE(again.schema);
      EXPECT_EQ(described(compare(s, *again.schema)), std::vector<std::string>{}) << snapshot;
      ++modelled;
    }
  }
  EXPECT_GE(modelled, 28);
}

fs::path everything_snapshot(int n) {
  return fixtures_dir() / "generated/pg-everything/drizzle/meta" / ("000" + std::to_string(n) + "_snapshot.json");
}

// What each migration of pg-everything does, read back from the snapshots on either side of it:
// the same changes, in compare()'s order, as the statements of its SQL file.
TEST(SchemaFromSnapshot, ConsecutiveSnapshotsDifferByWhatTheMigrationDoes) {
  EXPECT_EQ(described(compare(model_of(everything_snapshot(0)), model_of(everything_snapshot(1)))),
            (std::vector<std::string>{
                "enum public.status: values active, disabled here, active, disabled, banned there",
                "sequence public.invoice_number: increment 1 here, 5 there",
                "column public.orders.total: type double precision here, numeric(12,2) there",
                "check constraint public.orders.orders_total_check: there, not here",
                "column public.users.age: type integer here, smallint there",
                "column public.users.phone: there, not here",
                "index public.users.users_age_desc_idx: here, not there",
                "policy public.users.users_update_adults: there, not here",
            }));
  EXPECT_EQ(described(compare(model_of(everything_snapshot(1)), model_of(everything_snapshot(2)))),
            (std::vector<std::string>{
                "enum auth.role: values admin, member here, owner, admin, member there",
                "column auth.accounts.last_login: there, not here",
                "row level security public.audit_log: here, not there",
                "foreign key public.orders.orders_user_fk: on delete restrict here, cascade there",
                "column public.users.name: not null yes here, no there",
                "column public.users.nickname: here, not there",
                "column public.users.score: default 0.00 here, 1.00 there",
                "table auth.sessions: there, not here",
                "view public.active_users: here, not there",
            }));
}

fs::path sqlite_everything_snapshot(int n) {
  return fixtures_dir() / "generated/sqlite-everything/drizzle/meta" / ("000" + std::to_string(n) + "_snapshot.json");
}

// The same for SQLite, where drizzle-kit rebuilds a table to change a column's type or add a check.
TEST(SchemaFromSnapshot, ConsecutiveSqliteSnapshotsDifferByWhatTheMigrationDoes) {
  EXPECT_EQ(described(compare(model_of(sqlite_everything_snapshot(0)), model_of(sqlite_everything_snapshot(1)))),
            (std::vector<std::string>{
                "column members.phone: there, not here",
                "index members.members_team_idx: here, not there",
                "column projects.budget: type real here, integer there",
                "check constraint projects.projects_budget_check: there, not here",
            }));
  EXPECT_EQ(described(compare(model_of(sqlite_everything_snapshot(1)), model_of(sqlite_everything_snapshot(2)))),
            (std::vector<std::string>{
                "column members.nickname: here, not there",
                "foreign key projects.projects_owner_fk: on delete set null here, cascade there",
                "table labels: there, not here",
            }));
}

const schema::Column& column_of(const Schema& s, const QualifiedName& table, const std::string& column) {
  const schema::Table* t = s.table(table);
  EXPECT_NE(t, nullptr) << table.name;
  static const schema::Column none;
  if (!t) return none;
  const schema::Column* c = t->column(column);
  EXPECT_NE(c, nullptr) << table.name << "." << column;
  return c ? *c : none;
}

// Every object kind of the first pg-everything snapshot, as PostgreSQL holds it after 0000_init.sql
// (the spellings are format_type's and pg_get_expr's, canonicalised).
TEST(SchemaFromSnapshot, EveryObjectKindOfAPostgresqlSnapshot) {
  const Schema s = model_of(everything_snapshot(0));
  const QualifiedName users{"public", "users"}, orders{"public", "orders"}, lines{"public", "order_lines"};
  const QualifiedName accounts{"auth", "accounts"}, audit{"public", "audit_log"};
  EXPECT_EQ(s.schemas, (std::set<std::string>{"auth"}));
  ASSERT_TRUE(s.enums.contains({"auth", "role"}));
  EXPECT_EQ(s.enums.at({"auth", "role"}).values, (std::vector<std::string>{"admin", "member"}));
  EXPECT_EQ(s.enums.at({"public", "status"}).values, (std::vector<std::string>{"active", "disabled"}));
  ASSERT_TRUE(s.sequences.contains({"public", "invoice_number"}));
  EXPECT_EQ(s.sequences.at({"public", "invoice_number"}).options,
            (std::map<std::string, std::string>{{"cache", "10"}, {"cycle", "false"}, {"increment", "1"},
                                                {"max", "999999"}, {"min", "1000"}, {"start", "1000"}}));
  EXPECT_EQ(s.tables.size(), 5u);

  // Columns: types, nullability, defaults, identity, generated.
  EXPECT_EQ(column_of(s, accounts, "role").type, "auth.role");
  EXPECT_EQ(column_of(s, accounts, "role").default_value, "'member'");
  EXPECT_EQ(column_of(s, accounts, "email").type, "character varying(255)");
  EXPECT_EQ(column_of(s, accounts, "created_at").type, "timestamp(3) with time zone");
  EXPECT_EQ(column_of(s, accounts, "created_at").default_value, "now()");
  EXPECT_EQ(column_of(s, accounts, "id").default_value, "gen_random_uuid()");
  const schema::Column& id = column_of(s, users, "id");
  EXPECT_EQ(id.type, "integer");  // serial
  EXPECT_TRUE(id.not_null);
  EXPECT_EQ(id.default_value, "nextval('users_id_seq')");
  EXPECT_EQ(column_of(s, users, "status").type, "status");
  EXPECT_EQ(column_of(s, users, "score").type, "numeric(10,2)");
  EXPECT_EQ(column_of(s, users, "score").default_value, "0.00");
  EXPECT_EQ(column_of(s, users, "tags").type, "text[]");
  EXPECT_EQ(column_of(s, users, "tags").default_value, "'{}'");
  EXPECT_EQ(column_of(s, users, "settings").default_value, "'{}'");
  EXPECT_EQ(column_of(s, users, "full_name").generated, "(first_name || ' ') || last_name");
  EXPECT_EQ(column_of(s, users, "deleted_at").type, "timestamp without time zone");
  EXPECT_FALSE(column_of(s, users, "nickname").not_null);
  EXPECT_FALSE(column_of(s, users, "nickname").default_value);
  EXPECT_EQ(column_of(s, orders, "id").identity, schema::Identity{"always"});
  EXPECT_TRUE(column_of(s, orders, "id").not_null);
  EXPECT_EQ(column_of(s, orders, "number").default_value, "nextval('invoice_number')");
  EXPECT_EQ(column_of(s, orders, "total").type, "double precision");
  EXPECT_EQ(column_of(s, orders, "note").type, "character(2)");
  EXPECT_EQ(column_of(s, lines, "ref").identity, schema::Identity{"by default"});
  EXPECT_EQ(column_of(s, audit, "happened_at").type, "timestamp(6) without time zone");

  // Keys and constraints.
  const schema::Table& u = s.tables.at(users);
  ASSERT_TRUE(u.primary_key);
  EXPECT_EQ(u.primary_key->name, "");  // a column flag: PostgreSQL names it, the snapshot does not
  EXPECT_EQ(u.primary_key->columns, std::vector<std::string>{"id"});
  const schema::Table& l = s.tables.at(lines);
  ASSERT_TRUE(l.primary_key);
  EXPECT_EQ(l.primary_key->name, "order_lines_order_id_line_pk");
  EXPECT_EQ(l.primary_key->columns, (std::vector<std::string>{"order_id", "line"}));
  const schema::ForeignKey& account_fk = u.foreign_keys.at("users_account_id_accounts_id_fk");
  EXPECT_EQ(account_fk.references, accounts);
  EXPECT_EQ(account_fk.on_delete, "cascade");
  EXPECT_EQ(account_fk.on_update, "cascade");
  const schema::ForeignKey& user_fk = s.tables.at(orders).foreign_keys.at("orders_user_fk");
  EXPECT_EQ(user_fk.columns, std::vector<std::string>{"user_id"});
  EXPECT_EQ(user_fk.referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(user_fk.on_delete, "restrict");
  EXPECT_EQ(user_fk.on_update, "no action");
  const schema::UniqueConstraint& pair = s.tables.at(orders).unique_constraints.at("orders_user_number_unique");
  EXPECT_EQ(pair.columns, (std::vector<std::string>{"user_id", "number"}));
  EXPECT_TRUE(pair.nulls_not_distinct);
  EXPECT_EQ(s.tables.at(accounts).unique_constraints.at("accounts_email_unique").columns,
            std::vector<std::string>{"email"});
  EXPECT_EQ(u.checks.at("users_age_check").expression, "age >= 0 and age < 150");

  // Indexes.
  EXPECT_EQ(u.indexes.at("users_name_idx").keys, std::vector<std::string>{"name"});
  EXPECT_EQ(u.indexes.at("users_lower_name_idx").keys, std::vector<std::string>{"lower(name)"});
  EXPECT_TRUE(u.indexes.at("users_lower_name_idx").unique);
  EXPECT_EQ(u.indexes.at("users_active_idx").where, "deleted_at is null");
  EXPECT_EQ(u.indexes.at("users_tags_idx").method, "gin");
  EXPECT_EQ(u.indexes.at("users_age_desc_idx").keys, std::vector<std::string>{"age desc nulls last"});

  // Row level security and policies.
  EXPECT_TRUE(u.rls_enabled);
  EXPECT_TRUE(s.tables.at(audit).rls_enabled);  // enableRLS() without a policy
  EXPECT_FALSE(s.tables.at(orders).rls_enabled);
  const schema::Policy& policy = u.policies.at("users_select_all");
  EXPECT_EQ(policy.as, "permissive");
  EXPECT_EQ(policy.command, "select");
  EXPECT_EQ(policy.roles, std::vector<std::string>{"public"});
  EXPECT_EQ(policy.using_expression, "true");
  EXPECT_FALSE(policy.with_check);

  // Views.
  ASSERT_TRUE(s.views.contains({"public", "user_counts"}));
  EXPECT_TRUE(s.views.at({"public", "user_counts"}).materialized);
  EXPECT_FALSE(s.views.at({"public", "active_users"}).materialized);
  // Column references lose their table, as PostgreSQL qualifies them in its own definition.
  EXPECT_EQ(s.views.at({"public", "active_users"}).definition, "select id, name from users where deleted_at is null");

  // The restrictive policy of the second migration.
  const Schema s1 = model_of(everything_snapshot(1));
  const schema::Policy& adults = s1.tables.at(users).policies.at("users_update_adults");
  EXPECT_EQ(adults.as, "restrictive");
  EXPECT_EQ(adults.command, "update");
  EXPECT_EQ(adults.using_expression, "age >= 18");
  EXPECT_EQ(adults.with_check, "age >= 18");
}

// Every object kind of the first sqlite-everything snapshot, as SQLite holds it after 0000_init.sql.
TEST(SchemaFromSnapshot, EveryObjectKindOfASqliteSnapshot) {
  const Schema s = model_of(sqlite_everything_snapshot(0));
  const QualifiedName members{"", "members"}, projects{"", "projects"}, teams{"", "teams"};
  EXPECT_EQ(s.tables.size(), 3u);
  EXPECT_TRUE(s.schemas.empty());
  EXPECT_EQ(column_of(s, teams, "created_at").default_value, "unixepoch()");
  EXPECT_EQ(column_of(s, members, "rating").type, "real");
  EXPECT_EQ(column_of(s, members, "rating").default_value, "2.5");
  EXPECT_EQ(column_of(s, members, "avatar").type, "blob");
  EXPECT_EQ(column_of(s, members, "role").default_value, "'member'");
  EXPECT_EQ(column_of(s, members, "active").default_value, "true");
  EXPECT_TRUE(column_of(s, members, "email").not_null);
  EXPECT_FALSE(column_of(s, members, "nickname").not_null);
  EXPECT_EQ(column_of(s, members, "full_name").generated, "(first_name || ' ') || last_name");
  EXPECT_EQ(column_of(s, members, "email_lower").generated, "lower(email)");
  const schema::Table& m = s.tables.at(members);
  EXPECT_EQ(m.primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_EQ(m.indexes.at("members_email_lower_idx").keys, std::vector<std::string>{"lower(email)"});
  EXPECT_TRUE(m.indexes.at("members_email_lower_idx").unique);
  EXPECT_EQ(m.indexes.at("members_active_idx").where, "deleted_at is null");
  EXPECT_EQ(m.indexes.at("members_team_email_unique").keys, (std::vector<std::string>{"team_id", "email"}));
  EXPECT_EQ(m.checks.at("members_rating_check").expression, "rating >= 0 and rating <= 5");
  const schema::ForeignKey& team = m.foreign_keys.at("members_team_id_teams_id_fk");
  EXPECT_EQ(team.references, teams);
  EXPECT_EQ(team.on_delete, "cascade");
  EXPECT_EQ(team.on_update, "cascade");
  const schema::Table& p = s.tables.at(projects);
  ASSERT_TRUE(p.primary_key);
  EXPECT_EQ(p.primary_key->name, "");  // SQLite keeps no primary key name
  EXPECT_EQ(p.primary_key->columns, (std::vector<std::string>{"team_id", "slug"}));
  EXPECT_EQ(p.foreign_keys.at("projects_owner_fk").on_delete, "set null");
  EXPECT_EQ(s.tables.at(teams).indexes.at("teams_name_unique").keys, std::vector<std::string>{"name"});
  ASSERT_TRUE(s.views.contains({"", "active_members"}));
  EXPECT_EQ(s.views.at({"", "active_members"}).definition, "select id, email from members where members.deleted_at is null");
}

// Every snapshot of every corpus folder (real projects' snapshots, PostgreSQL, SQLite and MySQL).
TEST(SchemaFromSnapshot, EveryCorpusSnapshotModels) {
  const fs::path corpus = MIGLINT_CORPUS_DIR;
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
  int modelled = 0;
  for (const fs::path& meta : meta_folders(corpus)) {
    for (const fs::path& snapshot : snapshots_in(meta)) {
      expect_coherent(model_of(snapshot), snapshot);
      ++modelled;
    }
  }
  EXPECT_GE(modelled, 600);
}

// The same schema in the version 5 shape (tables keyed by name, enum values as a record) and the
// version 6 one (keys with their schema, values as an array) is one model.
TEST(SchemaFromSnapshot, VersionFiveAndSixShapesModelAlike) {
  const fs::path dir = fixtures_dir() / "snapshots/postgresql";
  const Schema v5 = model_of(dir / "v5_valid.json");
  const Schema v6 = model_of(dir / "v6_valid.json");
  EXPECT_EQ(described(compare(v5, v6)), std::vector<std::string>{});
  ASSERT_TRUE(v5.enums.contains({"public", "mood"}));
  EXPECT_EQ(v5.enums.at({"public", "mood"}).values, (std::vector<std::string>{"sad", "ok"}));
  ASSERT_TRUE(v5.tables.contains({"public", "users"}));
  EXPECT_EQ(v5.tables.at({"public", "users"}).indexes.at("users_mood_name").keys,
            (std::vector<std::string>{"mood", "name"}));
  EXPECT_EQ(column_of(v5, {"public", "users"}, "mood").type, "mood");
  EXPECT_EQ(column_of(v5, {"public", "users"}, "id").default_value, "nextval('users_id_seq')");
}

// Every case drizzle-kit's own validation accepts models; the ones it rejects never crash the
// builder (it models what it can read or says why not).
TEST(SchemaFromSnapshot, EveryJudgedSnapshotCaseIsHandled) {
  const fs::path dir = fixtures_dir() / "snapshots";
  std::istringstream verdicts(read_file(dir / "verdicts.tsv"));
  std::string line;
  int accepted = 0;
  while (std::getline(verdicts, line)) {
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string path = line.substr(0, tab), verdict = line.substr(tab + 1);
    const std::string dialect = path.substr(0, path.find('/'));
    schema::SnapshotModel m = schema::schema_from_snapshot(read_file(dir / path), *parse_dialect(dialect));
    if (verdict == "ok" || verdict == "nonlatest") {
      EXPECT_TRUE(m.schema) << path << ": " << m.problem;
      ++accepted;
    } else if (!m.schema) {
      EXPECT_FALSE(m.problem.empty()) << path;
    }
  }
  EXPECT_GE(accepted, 20);
}

}  // namespace
}  // namespace miglint::test
