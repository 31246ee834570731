// drizzle-orm 1.0's migrator (read from drizzle-orm 1.0.0-rc.5: migrator.js, migrator.utils.js, the
// dialects' migrate() and up-migrations/): it lists the migration folders sorted by name and applies,
// in that order, every one whose name the table has not recorded, wherever it sorts. The hash is
// written, never compared; applied_at is the time it ran. A table of 0.x's shape (no `name`) is first
// upgraded: each row, in id order, is named after the local migration it matches, and one row that
// matches none makes migrate() throw before it changes anything.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>
#include <span>

#include "core/js_number_to_string.h"
#include "core/sha256.h"
#include "db/reconcile_v1.h"

namespace miglint {

namespace {

// The second the upgrade reads from a row: created_at as the driver returns it (node-postgres: the
// bigint's text; better-sqlite3: a number), its last three characters replaced by "000", read as a
// number. None stands for NaN (a NULL created_at), which matches no dated migration folder.
std::optional<double> upgrade_second(const AppliedRow& row, bool sqlite) {
  if (!row.created_at) return std::nullopt;
  const std::string text = sqlite ? js_number_to_string(*row.created_at) : row.created_at_text;
  const std::string number = (text.size() > 3 ? text.substr(0, text.size() - 3) : std::string()) + "000";
  if (number.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return value;
}

// Row order of "ORDER BY id": numeric ids first, in order; NULL ids (0.x's SQLite table) as read.
std::vector<const AppliedRow*> in_id_order(const DatabaseState& database) {
  std::vector<const AppliedRow*> rows;
  for (const AppliedRow& row : database.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const AppliedRow* a, const AppliedRow* b) {
    if (a->id.empty() != b->id.empty()) return a->id.empty();  // SQLite sorts NULL first
    if (a->id.empty()) return false;
    return std::strtoll(a->id.c_str(), nullptr, 10) < std::strtoll(b->id.c_str(), nullptr, 10);
  });
  return rows;
}

// The upgrade's matching: by the row's second where exactly one local migration has it; among
// several, the first (by second, then name) with the row's hash; where none has it, the last local
// migration with the row's hash.
TableUpgrade predict_upgrade(const std::vector<LocalMigration>& local, const DatabaseState& database) {
  const bool sqlite = database.schema.empty();
  std::vector<std::size_t> order(local.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (local[a].when() != local[b].when()) return local[a].when() < local[b].when();
    return local[a].name() < local[b].name();
  });
  std::map<double, std::vector<std::size_t>> by_second;
  std::map<std::string, std::size_t> by_hash;
  for (std::size_t i : order) {
    by_second[local[i].when()].push_back(i);
    by_hash[local[i].hash] = i;
  }
  TableUpgrade upgrade;
  for (const AppliedRow* row : in_id_order(database)) {
    const std::optional<double> second = upgrade_second(*row, sqlite);
    const auto candidates = second ? by_second.find(*second) : by_second.end();
    std::optional<TableUpgrade::Named> named;
    if (candidates != by_second.end() && candidates->second.size() == 1) {
      named = TableUpgrade::Named{row, candidates->second.front(), TableUpgrade::Match::BySecond};
    } else if (candidates != by_second.end()) {
      for (std::size_t i : candidates->second) {
        if (!row->hash.empty() && local[i].hash == row->hash) {
          named = TableUpgrade::Named{row, i, TableUpgrade::Match::ByHash};
          break;
        }
      }
    } else if (auto it = by_hash.find(row->hash); it != by_hash.end() && !row->hash.empty()) {
      named = TableUpgrade::Named{row, it->second, TableUpgrade::Match::ByHash};
    }
    if (named) upgrade.named.push_back(*named);
    else upgrade.unmatched.push_back(row);
  }
  return upgrade;
}

}  // namespace

Location database_finding_location(const Folder& folder) {
  if (folder.layout != Layout::DrizzleKit1) return folder.journal.whole();
  Location loc;
  loc.file = folder.display_path;
  return loc;
}

Reconciliation reconcile_v1(const Folder& folder, const DatabaseState& database) {
  return reconcile_v1(std::span<const Migration>(folder.migrations), database);
}

Reconciliation reconcile_v1(std::span<const Migration> migrations, const DatabaseState& database) {
  Reconciliation r;
  r.by_name = true;
  read_rows(database, r);
  for (const Migration& migration : migrations) {
    if (!migration.name || !migration.when) continue;  // a name without a date: folder-name-invalid's
    LocalMigration m;
    m.migration = &migration;
    if (migration.sql && !migration.sql->unreadable) m.hash = drizzle_migration_hash(migration.sql->file.bytes());
    r.local.push_back(std::move(m));
  }
  // Which rows record which local migration: by name, or, before the upgrade, as it will name them.
  std::map<std::size_t, std::vector<const AppliedRow*>> rows_of;
  if (database.table_found && !database.table_has_name) {
    r.upgrade = predict_upgrade(r.local, database);
    for (const TableUpgrade::Named& named : r.upgrade->named) rows_of[named.local].push_back(named.row);
    r.unknown = r.upgrade->unmatched;
  } else {
    std::map<std::string, std::size_t, std::less<>> by_name;
    for (std::size_t i = 0; i < r.local.size(); ++i) by_name.emplace(r.local[i].name(), i);
    for (const AppliedRow& row : database.rows) {
      auto it = row.name ? by_name.find(*row.name) : by_name.end();
      if (it == by_name.end()) r.unknown.push_back(&row);
      else rows_of[it->second].push_back(&row);
    }
  }
  std::string newest_recorded;  // the greatest recorded name: pending names before it are out of order
  for (auto& [index, rows] : rows_of) {
    LocalMigration& m = r.local[index];
    auto same_hash = std::find_if(rows.begin(), rows.end(), [&](const AppliedRow* row) { return row->hash == m.hash; });
    m.row = same_hash != rows.end() ? *same_hash : rows.front();
    if (rows.size() > 1) r.duplicates.push_back(rows);
    newest_recorded = std::max(newest_recorded, m.name());
  }
  for (LocalMigration& m : r.local) {
    if (!m.row) {
      m.state = MigrationState::Pending;
      m.out_of_order = m.name() < newest_recorded;
    } else if (m.row->hash == m.hash || m.row->hash.empty() || m.hash.empty()) {
      m.state = MigrationState::Applied;
    } else {
      m.state = MigrationState::Edited;
    }
  }
  return r;
}

}  // namespace miglint
