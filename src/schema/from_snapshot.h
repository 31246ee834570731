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

// Parts of snapshot models already made, by the fingerprint of their JSON (and of what else
// their reading depends on): one model for a table, or for everything but the tables, that many
// snapshots of a folder write alike. Shared by the loader's threads, each through a PartCache;
// it owns the parts, the models point at them.
template <typename Part>
class PartShelf {
 public:
  const Part* find(const Fingerprint& key) const {
    std::lock_guard lock(mutex_);
    auto found = parts_.find(key);
    return found == parts_.end() ? nullptr : found->second.get();
  }
  // The shelved part of that key: `part` unless another thread shelved one first.
  const Part* add(const Fingerprint& key, Part part) {
    auto made = std::make_unique<const Part>(std::move(part));
    std::lock_guard lock(mutex_);
    return parts_.try_emplace(key, std::move(made)).first->second.get();
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Fingerprint, std::unique_ptr<const Part>, FingerprintHash> parts_;
};

// Equal enums made one: an enum is added or changed by few migrations, and a snapshot's other
// parts change with any of them.
class EnumShelf {
 public:
  const Enum* intern(Enum value);

 private:
  std::mutex mutex_;
  std::unordered_multimap<std::size_t, std::unique_ptr<const Enum>> enums_;  // by hash of the value
};

// A snapshot's model but its tables: the enums apart, sorted by name, so that they are shared too.
struct SnapshotRest {
  Schema schema;  // no tables, no enums
  std::vector<const Enum*> enums;
};

struct PartPool {
  PartShelf<Table> tables;
  PartShelf<SnapshotRest> rests;
  EnumShelf enums;  // the rests' enums
};

// One thread's way into a pool: what the thread already found there, taken without a lock.
class PartCache {
 public:
  explicit PartCache(std::shared_ptr<PartPool> pool) : pool_(std::move(pool)) {}
  // The part of that key, made by `read` when the pool has none yet.
  const Table* table(const Fingerprint& key, const std::function<Table()>& read) {
    return get(tables_, pool_->tables, key, read);
  }
  const SnapshotRest* rest(const Fingerprint& key, const std::function<SnapshotRest()>& read) {
    return get(rests_, pool_->rests, key, read);
  }
  // The rest of that key when the pool has one, else null.
  const SnapshotRest* known_rest(const Fingerprint& key) {
    const SnapshotRest*& rest = rests_[key];
    if (!rest) rest = pool_->rests.find(key);
    return rest;
  }
  const std::shared_ptr<PartPool>& pool() const { return pool_; }

 private:
  template <typename Part>
  using Seen = std::unordered_map<Fingerprint, const Part*, FingerprintHash>;
  template <typename Part>
  static const Part* get(Seen<Part>& seen, PartShelf<Part>& shelf, const Fingerprint& key,
                         const std::function<Part()>& read) {
    const Part*& part = seen[key];
    if (!part) part = shelf.find(key);
    if (!part) part = shelf.add(key, read());
    return part;
  }
  std::shared_ptr<PartPool> pool_;
  Seen<Table> tables_;
  Seen<SnapshotRest> rests_;
};

// A snapshot's model as the loader keeps it for the whole run: its parts shared, through a
// pool, with the other snapshots that hold the same (consecutive snapshots mostly do), so that a
// folder's models take about the room of its distinct tables.
struct SharedSnapshotModel {
  Dialect dialect = Dialect::PostgreSQL;  // the dialect it was read as
  std::string problem;                    // why it could not be modelled; nothing else is set then
  std::shared_ptr<const PartPool> pool;   // owns the parts
  std::vector<const Table*> tables;       // sorted by name, one per name
  const SnapshotRest* rest = nullptr;     // everything but the tables; set when modelled
  bool modelled() const { return problem.empty(); }
  Schema whole() const;
};

SharedSnapshotModel shared_schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect, PartCache& parts);

}  // namespace miglint::schema
