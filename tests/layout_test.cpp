// The folder layouts: which paths belong to a migrations folder, and the migrations in the order
// the migrator applies them.
#include <gtest/gtest.h>

#include <variant>

#include <algorithm>
#include <string>

#include "engine/engine.h"
#include "load/folder_loader.h"
#include "load/layout.h"
#include "load/layout_v0.h"
#include "registry.h"
#include "support/rule_case.h"

namespace miglint {
namespace {

namespace fs = std::filesystem;

fs::path pg_index() { return test::fixtures_dir() / "generated" / "pg-index" / "drizzle"; }

TEST(Layout, MigrationsFollowTheJournalAndPointAtTheirFiles) {
  auto loaded = load_folder(pg_index(), "drizzle", std::nullopt);
  ASSERT_TRUE(std::holds_alternative<Folder>(loaded));
  Folder folder = std::move(std::get<Folder>(loaded));  // moving keeps the migrations' pointers valid
  ASSERT_EQ(folder.migrations.size(), 3u);
  const Migration& second = folder.migrations[1];
  EXPECT_EQ(second.name, "0001_add_phone_and_status_idx");
  EXPECT_EQ(second.when, 1740823270348.0);
  ASSERT_NE(second.sql, nullptr);
  EXPECT_EQ(second.sql->file_name, "0001_add_phone_and_status_idx.sql");
  ASSERT_NE(second.snapshot, nullptr);
  EXPECT_EQ(second.snapshot->file_name, "0001_snapshot.json");
  EXPECT_EQ(second.snapshot->relative_path, "meta/0001_snapshot.json");
  EXPECT_EQ(second.entry, &folder.journal.entries[1]);
}

// The engine runs a rule only on folders of the layouts it judges: on a folder loaded as 0.x but
// marked as another layout, the journal rules (flagged journal_layout in rules.def) find nothing and
// every other rule of both layouts finds what it found before.
TEST(Layout, JournalRulesJudgeOnlyTheirLayout) {
  auto loaded = load_folder(test::rule_case_folder("sql-file-orphan", "bad-handwritten-not-in-journal"), "drizzle",
                            std::nullopt);
  ASSERT_TRUE(std::holds_alternative<Folder>(loaded));
  Folder folder = std::move(std::get<Folder>(loaded));
  EXPECT_EQ(folder.layout, Layout::DrizzleKit0);
  auto rule_names = [](const std::vector<Finding>& findings) {
    std::vector<std::string> names;
    for (const Finding& f : findings) names.emplace_back(f.rule);
    std::sort(names.begin(), names.end());
    return names;
  };
  const std::vector<std::string> as_0x = rule_names(run_rules(folder, builtin_rules(), RuleSelection{}));
  ASSERT_TRUE(std::count(as_0x.begin(), as_0x.end(), "sql-file-orphan")) << "the case no longer has its orphan";

  folder.layout = Layout::DrizzleKit1;
  std::vector<std::string> expected;
  for (const std::string& name : as_0x) {
    const RuleInfo* rule = find_rule(builtin_rules(), name);
    ASSERT_NE(rule, nullptr);
    if (rule->layouts & static_cast<unsigned>(Layout::DrizzleKit1)) expected.push_back(name);
  }
  EXPECT_NE(expected.size(), as_0x.size());
  // The 1.0 layout's own rules (rules/folder/) now run too, on a model the 0.x loader made: left out.
  std::vector<std::string> as_1 = rule_names(run_rules(folder, builtin_rules(), RuleSelection{}));
  std::erase_if(as_1, [](const std::string& name) {
    return !(find_rule(builtin_rules(), name)->layouts & static_cast<unsigned>(Layout::DrizzleKit0));
  });
  EXPECT_EQ(as_1, expected);
}

TEST(Layout, PathsSelectTheirFolder) {
  fs::path folder = pg_index();
  EXPECT_EQ(folder_selected_by(folder / "meta" / "0001_snapshot.json"), folder);
  EXPECT_EQ(folder_selected_by(folder / "meta"), folder);  // meta/ with the journal
  EXPECT_EQ(folder_selected_by(folder / "0000_init.sql"), folder);
  EXPECT_EQ(folder_selected_by(folder / "0009_deleted.sql"), folder);
  EXPECT_EQ(folder_selected_by(folder / "gone"), folder / "gone");
}

TEST(Layout, DrizzleKit0PlacesSqlAtTheTopAndJsonInMeta) {
  const FolderLayout& v0 = drizzle_kit_0::layout();
  auto sql = v0.place("/repo/drizzle/0000_init.sql");
  ASSERT_TRUE(sql);
  EXPECT_EQ(sql->folder, "/repo/drizzle");
  EXPECT_EQ(sql->relative, "0000_init.sql");
  auto journal = v0.place("/repo/drizzle/meta/_journal.json");
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->folder, "/repo/drizzle");
  EXPECT_EQ(journal->relative, v0.index_file());
  EXPECT_FALSE(v0.place("/repo/drizzle/notes.json"));
  EXPECT_TRUE(v0.recognises(pg_index()));
  EXPECT_FALSE(v0.recognises(pg_index() / "meta"));
}

}  // namespace
}  // namespace miglint
