#include "db/reconcile.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>

#include "core/js_number_to_string.h"
#include "core/sha256.h"
#include "core/utc_time.h"

namespace miglint {

std::string describe_when(double when) {
  std::string out = js_number_to_string(when);
  if (when >= 0 && when < 4.0e12) {
    out += fmt::format(" ({})", utc_text(when));
  }
  return out;
}

const LocalMigration* Reconciliation::recorded_by(const AppliedRow* row) const {
  for (const LocalMigration& m : local) {
    if (m.row == row) return &m;
  }
  return nullptr;
}

void read_rows(const DatabaseState& database, Reconciliation& r) {
  r.hashes_recorded = database.rows.empty();
  for (const AppliedRow& row : database.rows) {
    if (!row.hash.empty()) r.hashes_recorded = true;
    if (row.created_at && (!r.watermark || *row.created_at > *r.watermark)) {
      r.watermark = row.created_at;
      r.watermark_row = &row;
    }
  }
}

Reconciliation reconcile(const Folder& folder, const DatabaseState& database) {
  Reconciliation r;
  read_rows(database, r);
  for (const Migration& migration : folder.migrations) {
    if (!migration.name || !migration.when) continue;
    LocalMigration m;
    m.migration = &migration;
    if (migration.sql && !migration.sql->unreadable) m.hash = drizzle_migration_hash(migration.sql->file.bytes());
    r.local.push_back(std::move(m));
  }
  // Rows are claimed in three passes, strongest evidence first, so that a row recording one
  // migration is never taken for another: same hash and `when`; same hash; same `when`.
  std::multimap<std::string, const AppliedRow*> by_hash;
  std::multimap<double, const AppliedRow*> by_when;
  for (const AppliedRow& row : database.rows) {
    by_hash.emplace(row.hash, &row);
    if (row.created_at) by_when.emplace(*row.created_at, &row);
  }
  std::set<const AppliedRow*> claimed;
  auto claim = [&](LocalMigration& m, auto range, auto&& fits) {
    for (auto [it, end] = range; it != end; ++it) {
      if (!claimed.count(it->second) && fits(*it->second)) {
        m.row = it->second;
        claimed.insert(it->second);
        return;
      }
    }
  };
  auto any = [](const AppliedRow&) { return true; };
  for (LocalMigration& m : r.local) {
    if (m.hash.empty()) continue;
    claim(m, by_hash.equal_range(m.hash), [&](const AppliedRow& row) { return row.created_at == m.when(); });
  }
  for (LocalMigration& m : r.local) {
    if (m.row || m.hash.empty() || !r.hashes_recorded) continue;
    claim(m, by_hash.equal_range(m.hash), any);
    if (m.row) m.when_changed = true;
  }
  for (LocalMigration& m : r.local) {
    if (!m.row) claim(m, by_when.equal_range(m.when()), any);
  }
  // What migrate will do depends on the `when` alone: above the watermark it runs the migration
  // (again, if it was recorded under an older `when`); otherwise it never does.
  for (LocalMigration& m : r.local) {
    const double when = m.when();
    if (!r.watermark || when > *r.watermark) {
      m.state = MigrationState::Pending;
    } else if (!m.row) {
      m.state = MigrationState::Skipped;
    } else if (m.when_changed || m.row->hash == m.hash || !r.hashes_recorded || m.hash.empty()) {
      m.state = MigrationState::Applied;
    } else {
      m.state = MigrationState::Edited;
    }
  }
  // Rows recording the same migration again (same hash and created_at) are duplicates, not unknown.
  for (const AppliedRow& row : database.rows) {
    if (claimed.count(&row)) continue;
    bool repeats = std::any_of(claimed.begin(), claimed.end(), [&](const AppliedRow* c) {
      return c->hash == row.hash && c->created_at_text == row.created_at_text;
    });
    if (!repeats) r.unknown.push_back(&row);
  }
  // The migrator writes one (hash, created_at) per migration; two migrations may share a hash
  // (the same one-line ALTER twice), never both.
  std::map<std::pair<std::string, std::string>, std::vector<const AppliedRow*>> recorded;
  for (const AppliedRow& row : database.rows) {
    if (!row.hash.empty()) recorded[{row.hash, row.created_at_text}].push_back(&row);
  }
  for (auto& [key, rows] : recorded) {
    if (rows.size() > 1) r.duplicates.push_back(rows);
  }
  return r;
}

}  // namespace miglint
