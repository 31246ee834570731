#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_migration_skipped(const Context& ctx, Reporter& out) {
  // A migration.sql the migrator would try to read (and fail on, or read outside the folder).
  for (const Migration& m : ctx.folder.migrations) {
    if (!m.sql || !m.sql->unreadable) continue;
    out.report(m.sql->unreadable->where, fmt::format("{}; it is not checked (the migrator would read it)", m.sql->unreadable->message), *m.name)
        .help = "Make migration.sql a regular, readable file inside the migrations folder.";
  }
  for (const FolderEntry& e : ctx.folder.entries) {
    if (e.unreadable) {
      out.report(e.where(),
                 fmt::format("{} {}; it is not checked (the migrator follows a link wherever it leads, and passes over a "
                             "folder it cannot list)",
                             e.name, *e.unreadable),
                 e.name)
          .help = "Keep every migration folder inside the migrations folder, as a real directory that can be read.";
      continue;
    }
    if (!e.is_directory || e.has_sql || e.name == "meta") continue;
    std::string holds = e.has_snapshot ? "holds snapshot.json but no migration.sql"
                        : e.other_files.empty() ? "is empty"
                                                : fmt::format("holds no migration.sql (only {})", e.other_files.front());
    out.report(e.where(),
               fmt::format("{} {}: drizzle-orm 1.0's migrator passes over it without a word, so it is never applied", e.name,
                           holds),
               e.name)
        .help = e.has_snapshot ? "Restore its migration.sql from git (an empty migration still needs the file), or "
                                 "delete the folder and run drizzle-kit generate again."
                               : "Delete the folder, or give it the migration.sql it was meant to hold.";
  }
}

}  // namespace miglint
