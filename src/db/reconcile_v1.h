// drizzle-orm 1.0's migrator on migration folders that are not (yet) on disk: those `drizzle-kit up`
// will make of a 0.x folder (rules/upgrade), named and dated as up names them.
#pragma once

#include <span>

#include "db/reconcile.h"

namespace miglint {

// reconcile_v1 on these migrations, in name order: what drizzle-orm 1.0's first migrate() after up
// will do to the database (db/reconcile_v1.cpp).
Reconciliation reconcile_v1(std::span<const Migration> migrations, const DatabaseState& database);

}  // namespace miglint
