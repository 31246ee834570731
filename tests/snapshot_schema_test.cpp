// snapshot-malformed must agree with drizzle-kit 0.31.11's own snapshot validation.
//
// fixtures/snapshots/verdicts.tsv lists every case with the verdict the real
// `drizzle-kit check` printed for it (fixtures/snapshots/judge.sh).  What is asserted:
//   * malformed    -> validate_snapshot reports a violation
//   * ok/nonlatest -> validate_snapshot reports nothing
//   * unsupported  -> snapshot_version_is_unsupported is true; drizzle-kit stops before
//                     validating such a file, so validate_snapshot is not consulted
//   * classify_snapshot returns exactly the recorded verdict for every case.
// Needs the compile definition MIGLINT_FIXTURES_DIR (the repository's fixtures/ folder).
// The corpus test reads the folder named by the MIGLINT_CORPUS_DIR compile definition.
#include "load/snapshot_schema.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string path;  // "<dialect>/<case>.json"
  std::string dialect;
  std::string verdict;
};

fs::path snapshots_dir() { return fs::path(MIGLINT_FIXTURES_DIR) / "snapshots"; }

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::ifstream in(snapshots_dir() / "verdicts.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    Case c;
    c.path = line.substr(0, tab);
    c.verdict = line.substr(tab + 1);
    c.dialect = c.path.substr(0, c.path.find('/'));
    cases.push_back(std::move(c));
  }
  return cases;
}

const char* verdict_name(miglint::SnapshotVerdict v) {
  switch (v) {
    case miglint::SnapshotVerdict::ok: return "ok";
    case miglint::SnapshotVerdict::malformed: return "malformed";
    case miglint::SnapshotVerdict::non_latest: return "nonlatest";
    case miglint::SnapshotVerdict::unsupported: return "unsupported";
  }
  return "?";
}

std::optional<miglint::SchemaViolation> violation_for(const std::string& relative) {
  simdjson::dom::parser parser;
  const std::string dialect = relative.substr(0, relative.find('/'));
  simdjson::dom::element root;
  const auto error = parser.load((snapshots_dir() / relative).string()).get(root);
  EXPECT_FALSE(error) << relative;
  if (error) return miglint::SchemaViolation{"<parse error>", "", false};
  return miglint::validate_snapshot(root, dialect);
}

std::optional<miglint::SchemaViolation> violation_for_text(const std::string& json, std::string_view dialect) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const auto error = parser.parse(json).get(root);
  EXPECT_FALSE(error) << json;
  if (error) return miglint::SchemaViolation{"<parse error>", "", false};
  return miglint::validate_snapshot(root, dialect);
}

}  // namespace

TEST(SnapshotSchema, VerdictsFileCoversEveryDialect) {
  const std::vector<Case> cases = load_cases();
  ASSERT_GE(cases.size(), 60u) << "verdicts.tsv missing or too small under " << snapshots_dir();
  std::map<std::string, std::set<std::string>> seen;
  for (const Case& c : cases) seen[c.dialect].insert(c.verdict);
  for (const char* dialect : {"postgresql", "sqlite", "mysql", "singlestore"}) {
    ASSERT_TRUE(seen.count(dialect)) << dialect;
    EXPECT_TRUE(seen[dialect].count("ok")) << dialect;
    EXPECT_TRUE(seen[dialect].count("malformed")) << dialect;
  }
}

TEST(SnapshotSchema, AgreesWithDrizzleKitCheck) {
  const std::vector<Case> cases = load_cases();
  ASSERT_FALSE(cases.empty());
  simdjson::dom::parser parser;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path + " (drizzle-kit: " + c.verdict + ")");
    simdjson::dom::element root;
    ASSERT_FALSE(parser.load((snapshots_dir() / c.path).string()).get(root));

    const bool unsupported = miglint::snapshot_version_is_unsupported(root, c.dialect);
    EXPECT_EQ(unsupported, c.verdict == "unsupported");
    if (c.verdict != "unsupported") {
      const std::optional<miglint::SchemaViolation> v = miglint::validate_snapshot(root, c.dialect);
      EXPECT_EQ(v.has_value(), c.verdict == "malformed")
          << (v ? v->json_pointer + ": " + v->message : std::string("no violation"));
      if (v) {
        EXPECT_FALSE(v->message.empty());
      }
    }
    miglint::SchemaViolation detail;
    EXPECT_STREQ(verdict_name(miglint::classify_snapshot(root, c.dialect, &detail)), c.verdict.c_str());
  }
}

TEST(SnapshotSchema, SqliteVerdictsHoldForTurso) {
  simdjson::dom::parser parser;
  for (const Case& c : load_cases()) {
    if (c.dialect != "sqlite") continue;
    SCOPED_TRACE(c.path);
    simdjson::dom::element root;
    ASSERT_FALSE(parser.load((snapshots_dir() / c.path).string()).get(root));
    EXPECT_STREQ(verdict_name(miglint::classify_snapshot(root, "turso")), c.verdict.c_str());
  }
}

TEST(SnapshotSchema, UnknownNestedKeyPointerAndMessage) {
  const auto v = violation_for("postgresql/v7_unknown_column_key.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/columns/email/colour");
  EXPECT_EQ(v->message,
            "unknown key \"colour\" (drizzle-kit accepts only: name, type, typeSchema, primaryKey, notNull, "
            "default, isUnique, uniqueName, nullsNotDistinct, generated, identity)");
  EXPECT_FALSE(v->missing);
}

TEST(SnapshotSchema, WrongTypePointerAndMessage) {
  const auto v = violation_for("postgresql/v7_notnull_string.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/columns/email/notNull");
  EXPECT_EQ(v->message, "expected a boolean, found a string");
  EXPECT_FALSE(v->missing);
}

TEST(SnapshotSchema, MissingKeyPointerAndMessage) {
  const auto v = violation_for("postgresql/v7_missing_notnull.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/columns/email/notNull");
  EXPECT_EQ(v->message, "missing required key \"notNull\"");
  EXPECT_TRUE(v->missing);
}

TEST(SnapshotSchema, UnionReportsTheMemberOfTheDocumentsVersion) {
  // v6 content labelled "7" is judged by the v7 schema: index columns must be objects.
  auto v = violation_for("postgresql/v6_content_version_7.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/indexes/users_name_idx/columns/0");
  EXPECT_EQ(v->message, "expected an object, found a string");

  // v5 shape with the latest version: the v7 member fails on the dialect literal.
  v = violation_for("postgresql/v5_content_version_7.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/dialect");
  EXPECT_EQ(v->message, "expected \"postgresql\", found \"pg\"");

  // v5 enum values are a record.
  v = violation_for("postgresql/v5_enum_values_array.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/enums/mood/values");
  EXPECT_EQ(v->message, "expected an object, found an array");
}

TEST(SnapshotSchema, UnknownTopLevelKeyOnlyRejectedBySqlite) {
  auto v = violation_for("sqlite/v6_unknown_top_level_key.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/bogusTop");
  EXPECT_EQ(v->message,
            "unknown key \"bogusTop\" (drizzle-kit accepts only: version, dialect, tables, views, enums, _meta, "
            "internal, id, prevId)");
  EXPECT_FALSE(violation_for("postgresql/v7_unknown_top_level_key.json"));
  EXPECT_FALSE(violation_for("mysql/v5_latest_unknown_top_level_key.json"));
  EXPECT_FALSE(violation_for("singlestore/v1_unknown_top_level_key.json"));
}

TEST(SnapshotSchema, EnumAndLiteralMessages) {
  auto v = violation_for("postgresql/v7_policy_for_lowercase.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/policies/users_read/for");
  EXPECT_EQ(v->message, "expected one of \"ALL\", \"SELECT\", \"INSERT\", \"UPDATE\", \"DELETE\"; found \"select\"");

  v = violation_for("singlestore/v1_version_0.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/version");
  EXPECT_EQ(v->message, "expected \"1\", found \"0\"");
}

TEST(SnapshotSchema, PointerTokensAreEscaped) {
  const auto v = violation_for("postgresql/v7_pointer_escape_key.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/a~1b~0c/schema");
  EXPECT_TRUE(v->missing);
}

TEST(SnapshotSchema, EmptyObjectAndNonObjects) {
  auto v = violation_for_text("{}", "postgresql");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/version");
  EXPECT_TRUE(v->missing);

  v = violation_for_text("[]", "sqlite");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "");
  EXPECT_EQ(v->message, "expected an object, found an array");

  v = violation_for_text("{}", "gel");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "");
}

TEST(SnapshotSchema, DuplicateKeysFollowJsonParse) {
  // JSON.parse keeps the last duplicate: an invalid earlier value is harmless.
  EXPECT_FALSE(violation_for("postgresql/v7_duplicate_key_last_wins.json"));
  const auto v = violation_for("postgresql/v7_duplicate_key_last_invalid.json");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->json_pointer, "/tables/public.users/columns/email/notNull");

  const char* base =
      R"({"version":"6","dialect":"sqlite","id":"a","prevId":"b","enums":{},"_meta":{"tables":{},"columns":{}},)";
  EXPECT_FALSE(violation_for_text(std::string(base) + R"("tables":[],"tables":{}})", "sqlite"));
  EXPECT_TRUE(violation_for_text(std::string(base) + R"("tables":{},"tables":[]})", "sqlite"));
  // Records: a shadowed entry is never validated.
  EXPECT_FALSE(violation_for_text(std::string(base) + R"("tables":{"t":1,"t":{"name":"t","columns":{},)"
                                                      R"("indexes":{},"foreignKeys":{},"compositePrimaryKeys":{}}}})",
                                  "sqlite"));
}

TEST(SnapshotSchema, UnsupportedVersionFollowsJsNumber) {
  simdjson::dom::parser parser;
  auto unsupported = [&](const std::string& version_json, std::string_view dialect) {
    simdjson::dom::element root;
    EXPECT_FALSE(parser.parse(R"({"version":)" + version_json + "}").get(root));
    return miglint::snapshot_version_is_unsupported(root, dialect);
  };
  EXPECT_TRUE(unsupported(R"("8")", "postgresql"));
  EXPECT_TRUE(unsupported(R"(" 8\n")", "postgresql"));
  EXPECT_TRUE(unsupported(R"("0x8")", "postgresql"));
  EXPECT_TRUE(unsupported(R"("1e1")", "postgresql"));
  EXPECT_TRUE(unsupported(R"(["9"])", "postgresql"));
  EXPECT_TRUE(unsupported(R"(8)", "postgresql"));
  EXPECT_TRUE(unsupported(R"("Infinity")", "postgresql"));
  EXPECT_TRUE(unsupported(R"("2")", "singlestore"));
  EXPECT_FALSE(unsupported(R"("7")", "postgresql"));
  EXPECT_FALSE(unsupported(R"("7.0")", "postgresql"));
  EXPECT_FALSE(unsupported(R"("8a")", "postgresql"));
  EXPECT_FALSE(unsupported(R"("")", "postgresql"));
  EXPECT_FALSE(unsupported(R"(true)", "postgresql"));
  EXPECT_FALSE(unsupported(R"(["8","9"])", "postgresql"));
  EXPECT_FALSE(unsupported(R"({})", "postgresql"));
  EXPECT_FALSE(unsupported(R"(null)", "postgresql"));
  EXPECT_FALSE(unsupported(R"("6")", "sqlite"));
  EXPECT_TRUE(unsupported(R"("7")", "turso"));
}

TEST(SnapshotSchema, RealWorldCorpusValidates) {
  const fs::path corpus = MIGLINT_CORPUS_DIR;
  ASSERT_TRUE(fs::is_directory(corpus)) << "the real-world corpus is missing at " << corpus;
  auto dialect_of = [](const std::string& project) -> std::string {
    if (project.find("sst__console") != std::string::npos) return "mysql";
    for (const char* s : {"karakeep", "openstatus", "dyad"})
      if (project.find(s) != std::string::npos) return "sqlite";
    return "postgresql";
  };
  std::size_t folders = 0;
  std::size_t snapshots = 0;
  for (const auto& project : fs::directory_iterator(corpus)) {
    if (!project.is_directory()) continue;
    for (const auto& folder : fs::directory_iterator(project.path())) {
      const fs::path meta = folder.path() / "meta";
      if (!fs::is_directory(meta)) continue;
      ++folders;
      const std::string dialect = dialect_of(project.path().filename().string());
      std::vector<fs::path> files;
      for (const auto& f : fs::directory_iterator(meta)) {
        const std::string name = f.path().filename().string();
        if (name.size() > 14 && name.compare(name.size() - 14, 14, "_snapshot.json") == 0) files.push_back(f.path());
      }
      std::sort(files.begin(), files.end());
      std::vector<simdjson::dom::parser> parsers(files.size());
      std::vector<simdjson::dom::element> roots(files.size());
      for (std::size_t i = 0; i < files.size(); ++i) ASSERT_FALSE(parsers[i].load(files[i].string()).get(roots[i]));
      const auto start = std::chrono::steady_clock::now();
      std::size_t bad = 0;
      for (std::size_t i = 0; i < files.size(); ++i) {
        const auto v = miglint::validate_snapshot(roots[i], dialect);
        if (v) {
          ++bad;
          ADD_FAILURE() << files[i] << ": " << v->json_pointer << ": " << v->message;
        }
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      std::printf("[ corpus   ] %s (%s): %zu snapshots validated in %.2f ms\n",
                  folder.path().lexically_relative(corpus).string().c_str(), dialect.c_str(), files.size(), ms);
      EXPECT_EQ(bad, 0u);
      snapshots += files.size();
    }
  }
  EXPECT_EQ(folders, 9u);
  EXPECT_GT(snapshots, 600u);
}
