// A schema model from a drizzle-kit snapshot (meta/NNNN_snapshot.json), every version 0.x writes.
#pragma once

#include <memory>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/dialect.h"
#include "schema/json_fingerprint.h"
#include "schema/model.h"

namespace simdjson::dom {
class element;
}

namespace miglint::schema {

struct SnapshotModel {
  std::optional<Schema> schema;  // none when the snapshot is too broken to model
  std::string problem;           // why not, in a sentence
};

// text: the snapshot file's bytes. dialect: the folder's.
SnapshotModel schema_from_snapshot(std::string_view text, Dialect dialect);

// The same from the snapshot already parsed (the loader's simdjson parse): the document must
// outlive the call only.
SnapshotModel schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect);

// Tables already modelled, by the fingerprint of their JSON (and of what else their reading
// depends on): one model for a table that many snapshots of a folder write alike. Shared by the
// loader's threads, each through a TableCache; it owns the tables, the models point at them.
class TablePool {
 public:
  const Table* find(const Fingerprint& key) const;
  // The pooled table of that key: `table` unless another thread pooled one first.
  const Table* add(const Fingerprint& key, Table table);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Fingerprint, std::unique_ptr<const Table>, FingerprintHash> tables_;
};

// One thread's way into a pool: what the thread already found there, taken without a lock.
class TableCache {
 public:
  explicit TableCache(std::shared_ptr<TablePool> pool) : pool_(std::move(pool)) {}
  // The table of that key, modelled by `read` when the pool has none yet.
  const Table* get(const Fingerprint& key, const std::function<Table()>& read);
  const std::shared_ptr<TablePool>& pool() const { return pool_; }

 private:
  std::shared_ptr<TablePool> pool_;
  std::unordered_map<Fingerprint, const Table*, FingerprintHash> seen_;
};

// A snapshot's model as the loader keeps it for the whole run: its tables shared, through a
// pool, with the other snapshots that hold the same table (consecutive snapshots mostly do), so
// that a folder's models take about the room of its distinct tables.
struct SharedSnapshotModel {
  Dialect dialect = Dialect::PostgreSQL;  // the dialect it was read as
  std::string problem;                    // why it could not be modelled; nothing else is set then
  std::shared_ptr<const TablePool> pool;  // owns the tables
  std::vector<const Table*> tables;       // sorted by name, one per name
  Schema rest;                            // everything but the tables
  bool modelled() const { return problem.empty(); }
  Schema whole() const;
};

SharedSnapshotModel shared_schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect, TableCache& tables);

}  // namespace miglint::schema
