// A schema model from a drizzle-kit snapshot (meta/NNNN_snapshot.json), every version 0.x writes.
#pragma once

#include <memory>
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
// depends on): one model for a table that many snapshots of a folder write alike. Safe to share
// between threads.
class TablePool {
 public:
  std::shared_ptr<const Table> find(const Fingerprint& key) const;
  // The pooled table of that key: `table` unless another thread pooled one first.
  std::shared_ptr<const Table> add(const Fingerprint& key, Table table);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Fingerprint, std::shared_ptr<const Table>, FingerprintHash> tables_;
};

// A snapshot's model as the loader keeps it for the whole run: its tables shared, through a
// pool, with the other snapshots that hold the same table (consecutive snapshots mostly do), so
// that a folder's models take about the room of its distinct tables.
struct SharedSnapshotModel {
  Dialect dialect = Dialect::PostgreSQL;  // the dialect it was read as
  std::string problem;                    // why it could not be modelled; nothing else is set then
  std::vector<std::shared_ptr<const Table>> tables;  // sorted by name, one per name
  Schema rest;                                       // everything but the tables
  bool modelled() const { return problem.empty(); }
  Schema whole() const;
};

SharedSnapshotModel shared_schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect, TablePool& pool);

}  // namespace miglint::schema
