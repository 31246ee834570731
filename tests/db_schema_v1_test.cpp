// db-schema-drift and db-pending-already-applied on a Drizzle Kit 1.0 folder: the real drizzle-orm
// 1.0.0-rc.5 migrate() applied part of a folder drizzle-kit 1.0 generated, then the real drizzle-kit
// 1.0 push made the next migration's table and two more were made by hand. miglint names exactly
// those, as on 0.x, and the real migrate() then fails where it says.
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "db_test_support.h"
#include "support/kit1_tools.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Rules = std::vector<std::string>;

fs::path branches() { return fixtures_dir() / "generated-v1/pg-branches/drizzle"; }
const std::string kCoupons = "20250401112031_add_coupons", kTags = "20250401114552_add_tags";

// The pinned tools: drizzle-orm 0.x with pg (tests/tools/package.json) and drizzle-kit/drizzle-orm
// 1.0 (fixtures/drizzle-kit-1), installed once per build.
struct Tools {
  fs::path zero, one;
};
const Tools& tools() {
  static const Tools installed = [] {
    Tools t{fs::path(MIGLINT_BINARY).parent_path() / "test-tools", {}};
    if (const char* dir = std::getenv("MIGLINT_TOOLS_DIR"); dir != nullptr && *dir != '\0') t.zero = dir;
    const fs::path tools_src = source_dir() / "tests/tools";
    RunResult zero = run_shell("bash " + sh_quote((tools_src / "install_tools.sh").string()) + " " + sh_quote(t.zero.string()));
    EXPECT_EQ(zero.exit_code, 0) << zero.err;
    t.one = kit1_tools();
    return t;
  }();
  return installed;
}

// tests/tools/drizzle_v1.cjs: drizzle-orm 1.0's migrate() and the migrations table, one JSON line per step.
std::vector<json> drizzle_v1(const std::string& url, const std::vector<std::string>& steps) {
  const std::string line = "MIGLINT_TOOLS_DIR=" + sh_quote(tools().zero.string()) + " MIGLINT_TOOLS1_DIR=" +
                     sh_quote(tools().one.string()) + " NODE_PATH=" + sh_quote((tools().zero / "node_modules").string()) +
                     " node " + sh_quote((source_dir() / "tests/tools/drizzle_v1.cjs").string()) + " " + sh_quote(url);
  return run_steps(line, steps);
}

// The real `drizzle-kit push --force` of drizzle-kit 1.0 (tests/tools/drizzle_push.cjs answers its
// questions). 1.0 reads only code configs and finds its driver with import(), which ignores
// NODE_PATH: it runs in a project whose node_modules links the 1.0 packages and pg.
RunResult push_v1(const fs::path& schema_file, const std::string& url) {
  TempDir project;
  fs::create_directories(project.path() / "node_modules");
  for (const auto& package : fs::directory_iterator(tools().zero / "node_modules")) {
    const std::string name = package.path().filename().string();
    if (name != "drizzle-kit" && name != "drizzle-orm") fs::create_directory_symlink(package.path(), project.path() / "node_modules" / name);
  }
  for (const char* name : {"drizzle-kit", "drizzle-orm"}) {
    fs::create_directory_symlink(tools().one / "node_modules" / name, project.path() / "node_modules" / name);
  }
  fs::copy_file(schema_file, project.path() / "schema.ts");
  write_file(project.path() / "drizzle.config.ts",
             "export default { dialect: \"postgresql\", schema: \"./schema.ts\", dbCredentials: { url: " +
                 json(url).dump() + " } };\n");
  RunResult push = run_shell("NODE_OPTIONS='--preserve-symlinks --preserve-symlinks-main' node " +
                                 sh_quote((source_dir() / "tests/tools/drizzle_push.cjs").string()) + " " +
                                 sh_quote((project.path() / "node_modules/drizzle-kit/bin.cjs").string()) +
                                 " drizzle.config.ts",
                             project.path());
  EXPECT_EQ(push.exit_code, 0) << push.out << push.err;
  EXPECT_NE(push.out.find("Changes applied"), std::string::npos) << push.out << push.err;
  return push;
}

TEST(DbSchemaV1, PushedAndHandMadeTablesAreNamedAndMigrateFailsWhereSaid) {
  std::string url = create_test_database("v1_schema");
  if (url.empty()) return;
  TempDir dir;
  const fs::path applied = dir.path() / "applied";  // init and alter: what the database ran
  copy_tree(branches(), applied);
  fs::remove_all(applied / kCoupons);
  fs::remove_all(applied / kTags);
  auto steps = drizzle_v1(url, {"reset", "migrate1", applied.string()});
  ASSERT_EQ(steps.size(), 2u);
  ASSERT_TRUE(steps[1]["ok"].get<bool>()) << steps[1].dump();
  json clean = lint_json(branches(), url, {"--select", "db"});
  EXPECT_EQ(rules_reported(clean), (Rules{"db-migration-pending " + kCoupons, "db-migration-pending " + kTags}));

  // push of the "tags" branch's schema makes add_tags' table; coupons (add_coupons' table) and audit
  // (no migration's) by hand.
  RunResult push = push_v1(fixtures_dir() / "schemas/v1-pg/branch-tags.ts", url);
  EXPECT_NE(push.out.find("CREATE TABLE \"tags\""), std::string::npos) << push.out;
  psql(url, "CREATE TABLE \"coupons\" (\"id\" serial PRIMARY KEY, \"code\" text NOT NULL); "
            "CREATE TABLE \"audit\" (\"id\" integer)");

  json report = lint_json(branches(), url, {"--select", "db"});
  Rules rules = rules_reported(report);
  std::sort(rules.begin(), rules.end());
  EXPECT_EQ(rules, (Rules{"db-migration-pending " + kCoupons, "db-migration-pending " + kTags,
                          "db-pending-already-applied " + kCoupons, "db-pending-already-applied " + kTags,
                          "db-schema-drift "}));
  for (const auto& f : report["findings"]) {
    const std::string message = f["message"];
    if (f["rule"] == "db-schema-drift") {
      EXPECT_TRUE(f["file"].get<std::string>().ends_with("pg-branches/drizzle")) << "the folder itself (no journal): " << f.dump();
      EXPECT_NE(message.find("no migration here explains it: table public.audit is in the database but not in the "
                             "recorded migrations"),
                std::string::npos)
          << message;
      EXPECT_EQ(f["objects"], json::parse(R"([{"change": "extra", "kind": "table", "object": "public.audit"}])"));
    } else if (f["rule"] == "db-pending-already-applied") {
      const bool coupons = f["migration"] == kCoupons;
      EXPECT_TRUE(f["file"].get<std::string>().ends_with("/" + f["migration"].get<std::string>() + "/migration.sql")) << f.dump();
      EXPECT_NE(message.find(coupons ? "(table public.coupons)" : "(table public.tags)"), std::string::npos) << message;
      EXPECT_NE(message.find(coupons ? "migrate fails at line 1 (table public.coupons already exists) and applies nothing"
                                     : "(migrate already stops earlier, in " + kCoupons + ")"),
                std::string::npos)
          << message;
    }
  }

  // The real migrate(): the first pending migration in name order fails on coupons; nothing applied.
  steps = drizzle_v1(url, {"migrate1", branches().string(), "rows"});
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_FALSE(steps[0]["ok"].get<bool>());
  EXPECT_NE(steps[0]["error"].get<std::string>().find("relation \"coupons\" already exists"), std::string::npos)
      << steps[0].dump();
  EXPECT_EQ(steps[1]["table"]["rows"].size(), 2u) << "migrate applied nothing";
}

}  // namespace
}  // namespace miglint::test
