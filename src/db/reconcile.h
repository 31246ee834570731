// Puts the local migrations (Folder::migrations, whatever the layout) and the recorded rows side
// by side, exactly as drizzle's migrator (0.x) will see them: it reads the newest created_at once
// and applies, in order, every migration whose `when` is above it. Rules and `status` share this.
// drizzle-orm 1.0's migrator matches by name instead (reconcile_v1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "load/model.h"

namespace miglint {

enum class MigrationState {
  Applied,   // recorded with this file's hash (or, without hashes, this `when`)
  Edited,    // recorded under this `when`, but with another hash: the file changed after it ran
  Pending,   // not recorded; the next migrate applies it
  Skipped,   // not recorded; its `when` is not above the newest created_at, so migrate never applies it
};

struct LocalMigration {
  const Migration* migration = nullptr;  // never null; it has a name and a when
  std::string hash;                 // what the migrator would record; empty when the file is missing
  MigrationState state = MigrationState::Pending;
  const AppliedRow* row = nullptr;  // the row that records it, if any
  bool when_changed = false;        // recorded with this hash but under another created_at
  bool out_of_order = false;        // 1.0: pending, yet its name sorts before a recorded one (1.0 applies it)

  const std::string& name() const { return *migration->name; }
  double when() const { return *migration->when; }
  const Location& where() const { return migration->where; }
  // The journal entry's idx (0.x), which `repair --mark-applied` accepts too.
  std::optional<std::int64_t> idx() const {
    return migration->entry && migration->entry->idx ? std::optional(migration->entry->idx->value) : std::nullopt;
  }
};

// What drizzle-orm 1.0's first migrate() does to a table of 0.x's shape (id, hash, created_at):
// it names each row after the local migration it matches, or throws, changing nothing, when a row
// matches none (db/reconcile_v1.cpp).
struct TableUpgrade {
  enum class Match { BySecond, ByHash };
  struct Named {
    const AppliedRow* row = nullptr;
    std::size_t local = 0;          // index into Reconciliation::local
    Match by = Match::BySecond;
  };
  std::vector<Named> named;                  // in id order, as the migrator reads them
  std::vector<const AppliedRow*> unmatched;  // in id order; any: migrate() throws and names their ids
};

struct Reconciliation {
  std::optional<double> watermark;           // the newest created_at, as the migrator reads it
  const AppliedRow* watermark_row = nullptr;
  std::vector<LocalMigration> local;         // in the migrator's order
  std::vector<const AppliedRow*> unknown;    // rows that match no local migration
  std::vector<std::vector<const AppliedRow*>> duplicates;  // rows recording one migration more than once
  bool hashes_recorded = true;               // false where drivers store '' (expo, op-sqlite, durable-sqlite)
  bool by_name = false;                      // drizzle-orm 1.0's migrator: a migration is applied when its name is recorded
  std::optional<TableUpgrade> upgrade;       // 1.0 folder, 0.x table: what the first migrate() does to it

  // The local migration a row records, if any.
  const LocalMigration* recorded_by(const AppliedRow* row) const;
};

Reconciliation reconcile(const Folder& folder, const DatabaseState& database);
// The same for a Drizzle Kit 1.0 folder, as drizzle-orm 1.0's migrator sees it (db/reconcile_v1.cpp).
Reconciliation reconcile_v1(const Folder& folder, const DatabaseState& database);
// Whether the rows record hashes, and the newest created_at (the watermark): both migrators read these.
void read_rows(const DatabaseState& database, Reconciliation& r);

// Where a finding about the table as a whole points: the journal (0.x), else the folder (1.0 has none).
Location database_finding_location(const Folder& folder);

// created_at as users read it: "1736472000000 (2025-01-10 01:20:00 UTC)".
std::string describe_when(double when);

}  // namespace miglint
