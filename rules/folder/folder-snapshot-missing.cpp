#include <optional>
#include <string>
#include <unordered_set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// The migrations whose SQL, replayed on the snapshot before them, changes nothing there.
std::unordered_set<std::string> changing_nothing(const Context& ctx) {
  std::unordered_set<std::string> out;
  for (const schema::MigrationSchemas& step : ctx.schema().steps()) {
    if (step.changes_nothing.value_or(false) && step.migration->name) out.insert(*step.migration->name);
  }
  return out;
}

}  // namespace

void check_folder_snapshot_missing(const Context& ctx, Reporter& out) {
  // The schema history, asked for at the first gap only: a folder without one pays nothing for it.
  std::optional<std::unordered_set<std::string>> no_change;
  for (const FolderEntry& e : ctx.folder.entries) {
    if (!e.has_sql || e.has_snapshot || e.unreadable) continue;
    if (!no_change) no_change = changing_nothing(ctx);
    if (no_change->count(e.name)) {
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
