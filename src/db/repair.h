// The SQL that reconciles drizzle's migrations table with the folder, and running it.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "db/database_url.h"
#include "db/reconcile.h"

namespace miglint {

struct RepairPlan {
  std::vector<const LocalMigration*> to_record;  // migrations to mark as applied
  std::vector<const AppliedRow*> to_forget;      // rows to delete
  bool drizzle_orm_1 = false;  // a 1.0 folder: an absent table is created as drizzle-orm 1.0 creates it
};

// The script: one transaction that first checks the table is as it was read, then
// inserts exactly what the migrator would have written (hash, created_at = when; on drizzle-orm
// 1.0's table also name, and applied_at as 1.0 sets it).
std::string repair_script(const DatabaseState& db, const RepairPlan& plan, bool sqlite);

struct ApplyError {
  std::string message;
};
// Runs the script on a writable connection. Nothing else in miglint writes.
std::variant<std::monostate, ApplyError> apply_repair(const DatabaseTarget& target, const std::string& script);

}  // namespace miglint
