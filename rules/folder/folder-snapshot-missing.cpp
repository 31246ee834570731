#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// Whether the migration's SQL, replayed on the snapshot before it, changes nothing there.
bool changes_nothing(const Context& ctx, const std::string& name) {
  for (const schema::MigrationSchemas& step : ctx.schema().steps()) {
    if (step.migration->name == name) return step.changes_nothing.value_or(false);
  }
  return false;
}

}  // namespace

void check_folder_snapshot_missing(const Context& ctx, Reporter& out) {
  for (const FolderEntry& e : ctx.folder.entries) {
    if (!e.has_sql || e.has_snapshot || e.unreadable) continue;
    if (changes_nothing(ctx, e.name)) {
      out.report_as(Severity::Info, e.where(),
                    fmt::format("{} has migration.sql but no snapshot.json; its SQL changes nothing in the schema the "
                                "snapshot before it records, so drizzle-kit generate does not write it again",
                                e.name),
                    e.name)
          .help = "Nothing to do for generate: a migration that changes no schema (rows, or a repair of what the "
                  "snapshot already holds) needs no snapshot. To give it one, make the folder with drizzle-kit generate "
                  "--custom.";
      continue;
    }
    out.report(e.where(),
               fmt::format("{} has migration.sql but no snapshot.json: drizzle-kit generate does not see it, diffs "
                           "against an older snapshot and writes its changes again",
                           e.name),
               e.name)
        .help = "Restore snapshot.json from git. For a hand-written migration, make the folder with "
                "drizzle-kit generate --custom, which writes the snapshot too.";
  }
}

}  // namespace miglint
