// The folder layouts: which paths belong to a migrations folder, and the migrations in the order
// the migrator applies them.
#include <gtest/gtest.h>

#include <variant>

#include "load/folder_loader.h"
#include "load/layout.h"
#include "load/layout_v0.h"
#include "support/run.h"

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
