#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "db/reconcile_v1.h"
#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

namespace {

// The migration folders `drizzle-kit up` will make, named and dated as the 1.0 migrator reads them
// (the second of the name), in name order; nothing when up stops or fails half-way (upgrade-blocked,
// upgrade-folder-collision), or names a folder after the clock: there is then nothing to predict.
std::optional<std::vector<Migration>> folders_after_up(const upgrade::Plan& plan) {
  std::vector<Migration> folders;
  std::set<std::string> names;
  for (const upgrade::Move& m : plan.moves) {
    if (!m.folder || !m.second || !m.snapshot || !m.candidates.empty()) return std::nullopt;
    if (!m.sql) {
      if (plan.postgres) return std::nullopt;
      continue;  // the other dialects' up drops it (upgrade-migration-dropped)
    }
    if (!names.insert(*m.folder).second) return std::nullopt;
    Migration folder;
    folder.name = *m.folder;
    folder.when = static_cast<double>(*m.second) * 1000;
    folder.sql = m.sql;
    folder.snapshot = m.snapshot;
    folder.entry = m.entry;
    folder.where = m.entry->where;
    folders.push_back(std::move(folder));
  }
  std::sort(folders.begin(), folders.end(), [](const Migration& a, const Migration& b) { return *a.name < *b.name; });
  return folders;
}

std::string describe_row(const AppliedRow& row) {
  return fmt::format("id {}, hash {}, created_at {}", row.id.empty() ? "NULL" : row.id,
                     row.hash.empty() ? "empty" : row.hash.substr(0, 12),
                     row.created_at ? describe_when(*row.created_at) : "NULL");
}

std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

// Why the upgrade matches the row to no folder: the folders of its second all lack its hash, or
// no folder has its second and none its hash.
std::string why_unmatched(const AppliedRow& row, const std::vector<LocalMigration>& local) {
  std::vector<std::string> same_second;
  if (row.created_at) {
    const double second = std::floor(*row.created_at / 1000) * 1000;
    for (const LocalMigration& m : local) {
      if (m.when() == second) same_second.push_back(m.name());
    }
  }
  if (same_second.size() > 1) {
    return fmt::format("the folders of its second ({}) all differ from its hash (one of them changed after it ran)",
                       quoted_names(same_second));
  }
  return "no folder is dated in its second and none has its hash (the migration was deleted or changed here, or "
         "applied from another branch)";
}

// The 0.x view of the entry a planned folder comes from.
const LocalMigration* as_0x(const Reconciliation& before, const Migration& folder) {
  for (const LocalMigration& m : before.local) {
    if (m.migration->entry == folder.entry) return &m;
  }
  return nullptr;
}

void report_throw(const Context& ctx, const Reconciliation& after, Reporter& out) {
  for (const AppliedRow* row : after.upgrade->unmatched) {
    out.report(database_finding_location(ctx.folder),
               fmt::format("after drizzle-kit up, drizzle-orm 1.0's first migrate() throws on the recorded row ({}): {}; "
                           "it changes nothing and applies no migration while any row matches no folder",
                           describe_row(*row), why_unmatched(*row, after.local)))
        .help = "Restore the file as it was applied (git log -p), or, for a migration that is gone for good, undo "
                "its changes and remove its row (miglint repair --forget-unknown prints the SQL) before the first "
                "migrate with drizzle-orm 1.0.";
  }
}

// What the first migrate applies that 0.x's migrator would not: a migration 0.x recorded (its row
// named after another folder) or skipped.
void report_changes(const Reconciliation& before, const Reconciliation& after, Reporter& out) {
  for (const LocalMigration& m : after.local) {
    const LocalMigration* old = as_0x(before, *m.migration);
    if (m.state != MigrationState::Pending || !old || old->state == MigrationState::Pending) continue;
    const std::string& tag = *old->migration->name;
    if (old->state == MigrationState::Skipped) {
      out.report_as(Severity::Warning, old->where(),
                    fmt::format("\"{}\" is not recorded and drizzle-orm 0.x's migrator skips it, but after drizzle-kit "
                                "up drizzle-orm 1.0's first migrate() applies it (as \"{}\"), after migrations "
                                "recorded later",
                                tag, m.name()),
                    tag)
          .help = "Check that it still applies on top of the later migrations, or mark it applied (miglint repair "
                  "--mark-applied) if its changes are already in the database.";
      continue;
    }
    std::string named_after = "no folder";
    for (const TableUpgrade::Named& n : after.upgrade->named) {
      if (n.row == old->row) named_after = fmt::format("\"{}\"", after.local[n.local].name());
    }
    out.report(old->where(),
               fmt::format("\"{}\" is recorded (row {}), but after drizzle-kit up drizzle-orm 1.0's first migrate() "
                           "names that row after {} and applies \"{}\" again",
                           tag, old->row ? describe_row(*old->row) : "?", named_after, m.name()),
               tag)
        .help = "Give the entries distinct seconds as they were applied (the journal's when), so that each row "
                "matches its own folder, before running drizzle-kit up.";
  }
}

}  // namespace

// drizzle-orm 1.0's first migrate() after `drizzle-kit up`, on the database 0.x's migrator kept:
// the table upgrade names each row after a folder (by second, then hash) or throws.
void check_upgrade_first_migrate(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read || !ctx.database->state.table_found) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  const std::optional<std::vector<Migration>> folders = folders_after_up(plan);
  if (!folders) return;
  const Reconciliation after = reconcile_v1(std::span<const Migration>(*folders), ctx.database->state);
  if (after.upgrade && !after.upgrade->unmatched.empty()) return report_throw(ctx, after, out);
  if (!after.upgrade) return;  // the table is 1.0's already: the db rules judge it by name
  // Every row named: what it applies beyond 0.x's pending migrations (db-migration-pending).
  report_changes(ctx.database->reconciliation, after, out);
}

}  // namespace miglint
