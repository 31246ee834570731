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
#include "schema/compare.h"
#include "schema/model.h"
#include "schema/replay.h"

namespace miglint::schema {

namespace v1 {
class Reconstruction;  // schema/history_v1.h
}

// Each migration's SQL replayed on the schema drizzle-kit generated it from: the previous
// snapshot's model (nothing for the first migration), or, where that snapshot is missing, the
// replay of the previous SQL; and the result compared with the snapshot it should give.
struct MigrationSchemas {
  const Migration* migration = nullptr;
  // The snapshot the replayed SQL is compared with: the migration's own, or for the last
  // migration without one, the latest snapshot before it (the next generate works from that).
  // Null when nothing was compared: no SQL, nothing to replay it on, a dialect the replay does
  // not read, or a snapshot missing or unmodelled in the middle of the folder (the next
  // migration's snapshot then judges the SQL of both).
  const Snapshot* compared_with = nullptr;
  // compare(that snapshot's model, the replayed SQL's result): empty when they agree.
  std::vector<Difference> differences;
  // What each statement of the SQL did, as replayed here (table_origins.h reads them); nothing when
  // the SQL was not replayed.
  std::optional<std::vector<StatementEffect>> effects;
  // A migration without a snapshot of its own that follows one with a snapshot, directly or after
  // migrations without snapshots whose SQL was replayed in full: true when its SQL, replayed on
  // that schema and understood throughout, left it as it was (what it does is already in the
  // snapshot, so generate does not write it again); nothing where that was not judged.
  std::optional<bool> changes_nothing;
};

// A snapshot that could not be modelled, and why.
struct UnmodelledSnapshot {
  const Snapshot* snapshot = nullptr;
  std::string problem;
};

class SchemaHistory {
 public:
  // Only PostgreSQL and SQLite folders are modelled; others give an empty history. The folder's
  // snapshot models are taken from the loader when it made them (Snapshot::schema), else read here.
  // A large PostgreSQL folder's second half is walked on a second thread when `threads` allows.
  static std::unique_ptr<SchemaHistory> build(const Folder& folder, unsigned threads = 2);

  // One per migration, in the order the migrator applies them. Only the differences are kept: a
  // folder's history costs no more room than its last schema, however long it is.
  const std::vector<MigrationSchemas>& steps() const { return steps_; }
  // The SQL of migrations [0, count) replayed in order from an empty database, as migrate()
  // would leave it; unknown where a statement was not understood. Rules ask for it migration after
  // migration, several rules for the same ones: each answer is kept (a few) and the next one
  // replayed from the nearest kept before it, so that a folder costs one replay, not one per ask.
  Schema replay_sql_through(std::size_t count) const;
  // The SQL of these migrations replayed in order on `start`.
  Schema replay_sql_of(const std::vector<const Migration*>& migrations, Schema start = {}) const;
  // 1.0 folders: the schema generate wrote the migration's SQL from (the state of the snapshots its
  // snapshot's prevIds name); nothing on 0.x folders, or when it cannot be modelled.
  std::optional<Schema> v1_schema_before(const Migration& m) const;
  // Snapshots that could not be modelled, with the reason, said once by the rules that skip them.
  const std::vector<UnmodelledSnapshot>& unmodelled() const { return unmodelled_; }
  bool modelled() const { return modelled_; }
  // The migration from which a second thread built the steps; 0 when one thread built them all.
  std::size_t second_walk_from() const { return second_walk_from_; }

 private:
  void build_v1(const Folder& folder, Dialect dialect);  // history_v1.cpp
  const Folder* folder_ = nullptr;
  std::shared_ptr<v1::Reconstruction> v1_;  // 1.0 folders: their snapshots' states
  bool modelled_ = false;
  std::vector<MigrationSchemas> steps_;
  std::vector<UnmodelledSnapshot> unmodelled_;
  std::size_t second_walk_from_ = 0;
  // replay_sql_through's answers by count, the latest asked last; `stopped`: a migration without
  // SQL was met, after which nothing more is replayed.
  struct ReplayedThrough {
    std::size_t count = 0;
    Schema schema;
    bool stopped = false;
  };
  mutable std::vector<ReplayedThrough> replayed_through_;
};

}  // namespace miglint::schema
