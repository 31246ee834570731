// A schema model from a drizzle-kit snapshot (meta/NNNN_snapshot.json), every version 0.x writes.
#pragma once

#include <memory>
#include <functional>
#include <mutex>
#include <span>
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
class parser;
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

// Grows the parser's room ahead of a document of `bytes` in steps, so that snapshots growing one by
// one do not each make it allocate (and fault in) buffers a little larger than the last. A failure
// shows again when the document is parsed.
void make_room(simdjson::dom::parser& parser, std::size_t bytes);

// Parts of snapshot models already made, by the fingerprint of their JSON (and of what else
// their reading depends on): one model for a table, or for everything but the tables, that many
// snapshots of a folder write alike. Shared by the loader's threads, each through a PartCache;
// it owns the parts, the models point at them.
template <typename Part>
class PartShelf {
 public:
  const Part* find(const Fingerprint& key) const { return find_shared(key).get(); }
  std::shared_ptr<const Part> find_shared(const Fingerprint& key) const {
    std::lock_guard lock(mutex_);
    auto found = parts_.find(key);
    return found == parts_.end() ? nullptr : found->second;
  }
  // The shelved part of that key: `part` unless another thread shelved one first.
  const Part* add(const Fingerprint& key, Part part) { return adopt(key, std::make_shared<const Part>(std::move(part))); }
  // The same with a part another shelf holds too, which lives as long as either needs it.
  const Part* adopt(const Fingerprint& key, std::shared_ptr<const Part> part) {
    std::lock_guard lock(mutex_);
    return parts_.try_emplace(key, std::move(part)).first->second.get();
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<Fingerprint, std::shared_ptr<const Part>, FingerprintHash> parts_;
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

// Roughly the room a table's model takes, to keep the loader's models within a budget.
std::size_t approximate_bytes(const Table& table);

// One thread's way into a pool: what the thread already found there, taken without a lock.
class PartCache {
 public:
  // `earlier`: a pool whose tables are taken into `pool` when they are asked for again (the
  // previous snapshot's, when models are made one at a time and the older ones let go).
  explicit PartCache(std::shared_ptr<PartPool> pool, std::shared_ptr<const PartPool> earlier = nullptr)
      : pool_(std::move(pool)), earlier_(std::move(earlier)) {}
  // The part of that key, made by `read` when the pool has none yet.
  const Table* table(const Fingerprint& key, const std::function<Table()>& read) {
    const Table*& table = tables_[key];
    if (!table) table = pool_->tables.find(key);
    if (!table && earlier_) {
      if (auto shared = earlier_->tables.find_shared(key)) table = pool_->tables.adopt(key, std::move(shared));
    }
    if (!table) {
      Table made = read();
      made_bytes_ += approximate_bytes(made);
      table = pool_->tables.add(key, std::move(made));
    }
    return table;
  }
  const SnapshotRest* rest(const Fingerprint& key, const std::function<SnapshotRest()>& read) {
    const SnapshotRest*& rest = rests_[key];
    if (!rest) rest = pool_->rests.find(key);
    if (!rest) rest = pool_->rests.add(key, read());
    return rest;
  }
  // The rest of that key when the pool has one, else null.
  const SnapshotRest* known_rest(const Fingerprint& key) {
    const SnapshotRest*& rest = rests_[key];
    if (!rest) rest = pool_->rests.find(key);
    return rest;
  }
  const std::shared_ptr<PartPool>& pool() const { return pool_; }
  // Roughly the room of the tables this cache made so far (approximate_bytes).
  std::size_t made_bytes() const { return made_bytes_; }

 private:
  template <typename Part>
  using Seen = std::unordered_map<Fingerprint, const Part*, FingerprintHash>;
  std::shared_ptr<PartPool> pool_;
  std::shared_ptr<const PartPool> earlier_;
  Seen<Table> tables_;
  Seen<SnapshotRest> rests_;
  std::size_t made_bytes_ = 0;
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

// left_out: models of tables a caller cut from the document, by their place among the tables'
// members (ascending); in_file_order, when given, receives every member's model in file order.
SharedSnapshotModel shared_schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect, PartCache& parts,
                                                std::span<const std::pair<std::size_t, const Table*>> left_out = {},
                                                std::vector<const Table*>* in_file_order = nullptr);

}  // namespace miglint::schema
