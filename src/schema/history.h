// The schema as each migration of a folder leaves it, by the two roads the folder offers: the
// snapshots drizzle-kit wrote, and the SQL replayed (replay.h). Built once per run, for the rules
// that read it (flag reads_schema), on first use.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "load/model.h"
#include "schema/model.h"
#include "schema/replay.h"

namespace miglint::schema {

struct MigrationSchemas {
  const Migration* migration = nullptr;
  // Its own snapshot's model; null when it has none or it is too broken to model.
  const Schema* snapshot = nullptr;
  // The schema drizzle-kit generated this migration from: the previous snapshot's model (nothing
  // for the first migration), or, where that snapshot is missing, the replay of the previous SQL.
  // Null when neither is known.
  const Schema* before = nullptr;
  // This migration's SQL replayed on `before`; none without SQL, without `before`, or on a dialect
  // the replay does not read.
  std::optional<ReplayResult> replayed;
};

// A snapshot that could not be modelled, and why.
struct UnmodelledSnapshot {
  const Snapshot* snapshot = nullptr;
  std::string problem;
};

class SchemaHistory {
 public:
  // Only PostgreSQL and SQLite folders are modelled; others give an empty history.
  static std::unique_ptr<SchemaHistory> build(const Folder& folder);

  const std::vector<MigrationSchemas>& steps() const { return steps_; }
  // The SQL of migrations [0, count) replayed in order from an empty database, as migrate()
  // would leave it; unknown where a statement was not understood.
  Schema replay_sql_through(std::size_t count) const;
  // The SQL of these migrations replayed in order on `start`.
  Schema replay_sql_of(const std::vector<const Migration*>& migrations, Schema start = {}) const;
  // Snapshots that could not be modelled, with the reason, said once by the rules that skip them.
  const std::vector<UnmodelledSnapshot>& unmodelled() const { return unmodelled_; }
  bool modelled() const { return modelled_; }

 private:
  const Folder* folder_ = nullptr;
  bool modelled_ = false;
  Schema empty_;
  std::vector<std::unique_ptr<Schema>> snapshot_models_;  // stable addresses for the steps
  std::vector<MigrationSchemas> steps_;
  std::vector<UnmodelledSnapshot> unmodelled_;
};

}  // namespace miglint::schema
