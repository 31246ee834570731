// Puts the local migrations (Folder::migrations, whatever the layout) and the recorded rows side
// by side, exactly as drizzle's migrator (0.x) will see them: it reads the newest created_at once
// and applies, in order, every migration whose `when` is above it. Rules and `status` share this.
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

  const std::string& name() const { return *migration->name; }
  double when() const { return *migration->when; }
  const Location& where() const { return migration->where; }
  // The journal entry's idx (0.x), which `repair --mark-applied` accepts too.
  std::optional<std::int64_t> idx() const {
    return migration->entry && migration->entry->idx ? std::optional(migration->entry->idx->value) : std::nullopt;
  }
};

struct Reconciliation {
  std::optional<double> watermark;           // the newest created_at, as the migrator reads it
  const AppliedRow* watermark_row = nullptr;
  std::vector<LocalMigration> local;         // in the migrator's order
  std::vector<const AppliedRow*> unknown;    // rows that match no local migration
  std::vector<std::vector<const AppliedRow*>> duplicates;  // rows recording one migration more than once
  bool hashes_recorded = true;               // false where drivers store '' (expo, op-sqlite, durable-sqlite)

  // The local migration a row records, if any.
  const LocalMigration* recorded_by(const AppliedRow* row) const;
};

Reconciliation reconcile(const Folder& folder, const DatabaseState& database);

// created_at as users read it: "1736472000000 (2025-01-10 01:20:00 UTC)".
std::string describe_when(double when);

}  // namespace miglint
