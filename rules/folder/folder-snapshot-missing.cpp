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
  // drizzle-kit generate diffs against the snapshot.json whose path sorts last (entries are sorted
  // by name): only a gap after it changes what the next generate writes.
  const FolderEntry* newest = nullptr;
  for (const FolderEntry& e : ctx.folder.entries) {
    if (e.has_snapshot && !e.unreadable) newest = &e;
  }
  // The schema history, asked for at the first gap only: a folder without one pays nothing for it.
  std::optional<std::unordered_set<std::string>> no_change;
  for (const FolderEntry& e : ctx.folder.entries) {
    if (!e.has_sql || e.has_snapshot || e.unreadable) continue;
    if (!no_change) no_change = changing_nothing(ctx);
    if (no_change->count(e.name)) {
      out.report_as(Severity::Info, e.where(),
                    fmt::format("{} has migration.sql but no snapshot.json; its SQL changes no schema object, so "
                                "drizzle-kit generate does not write it again",
                                e.name),
                    e.name)
          .help = "Nothing to do for generate: a migration that changes no schema (rows, or a repair of what the "
                  "snapshot already holds) needs no snapshot. To give it one, make the folder with drizzle-kit generate "
                  "--custom.";
      continue;
    }
    const std::string effect =
        !newest ? std::string("no snapshot is left, so the next drizzle-kit generate diffs against an empty schema and "
                              "writes every migration's changes again")
        : e.name > newest->name
            ? std::string("drizzle-kit generate does not see it, diffs against an older snapshot and writes its "
                          "changes again")
            : fmt::format("drizzle-kit generate is not misled (it diffs against the newest snapshot, {}/snapshot.json), "
                          "but the schema after this migration has no snapshot of its own and the chain of snapshots skips it",
                          newest->name);
    out.report(e.where(), fmt::format("{} has migration.sql but no snapshot.json: {}", e.name, effect), e.name)
        .help = "Restore snapshot.json from git. For a hand-written migration, make the folder with "
                "drizzle-kit generate --custom, which writes the snapshot too.";
  }
}

}  // namespace miglint
