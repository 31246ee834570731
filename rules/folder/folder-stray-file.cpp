#include <string_view>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// A flat migration file as 0.x and other tools name them: 0003_backfill.sql.
bool numbered(std::string_view name) {
  std::size_t digits = 0;
  while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
  return digits > 0 && digits < name.size() && name[digits] == '_';
}

}  // namespace

// Hidden names (.DS_Store, .gitkeep) are left alone: nothing reads them and nobody means them as migrations.
void check_folder_stray_file(const Context& ctx, Reporter& out) {
  for (const FolderEntry& e : ctx.folder.entries) {
    if (e.name.starts_with(".")) continue;
    if (e.unreadable) continue;  // folder-migration-skipped's
    if (!e.is_directory) {
      if (e.name.ends_with(".sql")) {
        Finding& f = out.report_as(Severity::Error, e.where(),
                                   fmt::format("{} lies at the top level of a 1.0 folder: the migrator applies only "
                                               "<name>/migration.sql, so this SQL is never applied",
                                               e.name));
        f.help = "Move it into a folder of its own as migration.sql (drizzle-kit generate --custom makes one), or delete it.";
        if (numbered(e.name)) {
          f.help +=
              " If another tool applies these flat files (Cloudflare's `wrangler d1 migrations apply` runs the numbered .sql "
              "files of its migrations_dir), give drizzle-kit 1.0 an `out` folder of its own: that tool does not run "
              "<name>/migration.sql, and drizzle's migrator does not run these.";
        }
      } else {
        out.report(e.where(), fmt::format("{} is not a migration folder: neither the migrator nor drizzle-kit reads it", e.name))
            .help = "Keep only migration folders in the migrations folder.";
      }
      continue;
    }
    if (!e.has_sql) continue;  // folder-migration-skipped's
    for (const std::string& name : e.other_files) {
      if (name.starts_with(".")) continue;
      Location where;
      where.file = e.display_path + "/" + name;
      out.report(where,
                 fmt::format("{}/{} is neither migration.sql nor snapshot.json: the migrator and drizzle-kit ignore it",
                             e.name, name),
                 e.name)
          .help = "SQL meant to run belongs in migration.sql; anything else belongs outside the migrations folder.";
    }
  }
}

}  // namespace miglint
