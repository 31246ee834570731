#include "db/reconcile.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "core/sha256.h"

namespace miglint {

std::string describe_when(double when) {
  char number[32];
  std::snprintf(number, sizeof number, "%.0f", when);
  std::string out = number;
  if (when >= 0 && when < 4.0e12) {
    std::time_t seconds = static_cast<std::time_t>(when / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", &tm);
    out += std::string(" (") + date + ")";
  }
  return out;
}

const LocalMigration* Reconciliation::recorded_by(const AppliedRow* row) const {
  for (const LocalMigration& m : local) {
    if (m.row == row) return &m;
  }
  return nullptr;
}

Reconciliation reconcile(const Folder& folder, const DatabaseState& database) {
  Reconciliation r;
  std::multimap<std::string, const AppliedRow*> by_hash;
  std::multimap<double, const AppliedRow*> by_when;
  r.hashes_recorded = database.rows.empty();
  for (const AppliedRow& row : database.rows) {
    if (!row.hash.empty()) r.hashes_recorded = true;
    by_hash.emplace(row.hash, &row);
    if (row.created_at) {
      by_when.emplace(*row.created_at, &row);
      if (!r.watermark || *row.created_at > *r.watermark) {
        r.watermark = row.created_at;
        r.watermark_row = &row;
      }
    }
  }
  std::set<const AppliedRow*> matched;
  for (const JournalEntry& entry : folder.journal.entries) {
    if (!entry.tag || !entry.when) continue;
    LocalMigration m;
    m.entry = &entry;
    const SqlFile* sql = folder.sql_of(entry);
    if (sql && !sql->unreadable) m.hash = drizzle_migration_hash(sql->file.bytes());
    const double when = entry.when->value;
    const AppliedRow* exact = nullptr;
    const AppliedRow* same_hash = nullptr;
    if (!m.hash.empty()) {
      for (auto [it, end] = by_hash.equal_range(m.hash); it != end; ++it) {
        if (it->second->created_at == when) exact = it->second;
        else if (!same_hash) same_hash = it->second;
      }
    }
    auto same_when = by_when.find(when);
    if (exact) {
      m.state = MigrationState::Applied;
      m.row = exact;
    } else if (same_hash && r.hashes_recorded) {
      m.state = MigrationState::Applied;
      m.row = same_hash;
      m.when_changed = true;
    } else if (same_when != by_when.end()) {
      // Without hashes (or without the file) the `when` is all there is to match on.
      bool comparable = r.hashes_recorded && !m.hash.empty();
      m.state = comparable ? MigrationState::Edited : MigrationState::Applied;
      m.row = same_when->second;
    } else {
      m.state = !r.watermark || when > *r.watermark ? MigrationState::Pending : MigrationState::Skipped;
    }
    if (m.row) {
      matched.insert(m.row);
      // Every row carrying this hash and `when` records this migration.
      if (m.row->created_at) {
        for (auto [it, end] = by_when.equal_range(*m.row->created_at); it != end; ++it) {
          if (it->second->hash == m.row->hash) matched.insert(it->second);
        }
      }
    }
    r.local.push_back(std::move(m));
  }
  for (const AppliedRow& row : database.rows) {
    if (!matched.count(&row)) r.unknown.push_back(&row);
  }
  std::map<std::string, std::vector<const AppliedRow*>> recorded;
  for (const AppliedRow& row : database.rows) {
    if (!row.hash.empty()) recorded[row.hash].push_back(&row);
  }
  for (auto& [hash, rows] : recorded) {
    if (rows.size() > 1) r.duplicates.push_back(rows);
  }
  return r;
}

}  // namespace miglint
