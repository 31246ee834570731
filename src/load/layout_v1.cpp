// The Drizzle Kit 1.0 layout: one folder per migration, each with migration.sql and
// snapshot.json. Recognised so that miglint can say it does not check it yet; its listing and
// ordering belong here when it does.
#include "load/layout_v1.h"

namespace miglint::drizzle_kit_1 {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMigrationSql = "migration.sql";

class DrizzleKit1Layout final : public FolderLayout {
 public:
  Layout id() const override { return Layout::DrizzleKit1; }

  std::optional<std::string_view> unsupported_reason() const override {
    return "this is the Drizzle Kit 1.0 layout (one folder per migration with migration.sql and snapshot.json); "
           "miglint checks the 0.x layout with meta/_journal.json and does not support 1.0 yet";
  }

  bool recognises(const fs::path& folder) const override {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      if (e.is_directory(ec) && fs::exists(e.path() / kMigrationSql, ec)) return true;
    }
    return false;
  }

  // Not placed until the layout is checked: its files then belong to no folder.
  bool could_be_member(const fs::path&) const override { return false; }
  std::optional<fs::path> folder_enclosing(const fs::path&, bool) const override { return std::nullopt; }
  std::optional<Placement> place(const fs::path&) const override { return std::nullopt; }
  std::optional<fs::path> index_file() const override { return std::nullopt; }  // 1.0 has no journal
  std::vector<fs::path> folders_changed_by(const fs::path&) const override { return {}; }
  std::optional<fs::path> folder_marked_by(const fs::path&) const override { return std::nullopt; }

  bool list(Folder&) const override { return false; }
  void read_index(Folder&) const override {}
  std::vector<Migration> migrations(const Folder&) const override { return {}; }
  std::string_view files_looked_for() const override { return "no migration folders"; }
};

}  // namespace

const FolderLayout& layout() {
  static const DrizzleKit1Layout instance;
  return instance;
}

}  // namespace miglint::drizzle_kit_1
