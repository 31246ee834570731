// Drizzle Kit 1.0 snapshots as entity rows (the "ddl" array of every SQLite snapshot and of a
// PostgreSQL "base" one), and the state drizzle-kit 1.0 reconstructs from them: a PostgreSQL
// "diff" snapshot holds only the deltas from its first parent (create a row, drop a key, alter or
// rename a key's fields), so its schema is its base's rows with every delta down the chain applied.
// schema_from_v1_state() (snapshot_v1_model.cpp) then models a state as the 0.x snapshots are.
#pragma once

#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/dialect.h"
#include "schema/from_snapshot.h"

namespace simdjson::dom {
class object;
}

namespace miglint::schema::v1 {

// One entity: its type ("tables", "columns", ...) and its fields, each as minified JSON, in the
// order the snapshot writes them.
struct Row {
  std::string type;
  std::vector<std::pair<std::string, std::string>> fields;
  const std::string* field(std::string_view name) const;
};

struct Delta {
  enum class Op { Create, Drop, Alter };  // a rename is applied as an alter is
  Op op = Op::Create;
  std::string key;  // "<type>\0<identity>", as drizzle-kit writes it
  Row row;          // create: the row; alter: the fields it sets
};

// What the loader keeps of a 1.0 snapshot for the schema model, read from its parse.
struct SnapshotRows {
  bool diff = false;  // PostgreSQL "diff": deltas, else ddl
  std::vector<Row> ddl;
  std::vector<Delta> deltas;
};

// The snapshot's ddl or deltas; nothing when an entry is not an object of the expected shape.
std::optional<SnapshotRows> rows_of(simdjson::dom::object snapshot, bool diff);

// Rows by identity, in the order drizzle-kit's store keeps them.
class State {
 public:
  explicit State(Dialect dialect) : dialect_(dialect) {}
  State(const State& other);
  State& operator=(const State& other);

  // As drizzle-kit's applyDeltas: false when a delta collides with another row (drizzle-kit
  // stops with "Two migrations gave one name to two different entities").
  bool apply(const std::vector<Delta>& deltas);
  bool push(Row row);
  const std::list<Row>& rows() const { return rows_; }
  // What turns this state into `after`, row by row: the deltas a PostgreSQL "diff" snapshot would
  // hold, for SQLite snapshots, which hold the whole ddl (a changed row is dropped and created).
  std::vector<Delta> changes_to(const State& after) const;

 private:
  std::string key_of(const Row& row) const;
  void rekey();
  void relocate(const Row& old_row, const Row& new_row);
  Dialect dialect_;
  std::list<Row> rows_;
  std::unordered_map<std::string, std::list<Row>::iterator> by_key_;
};

// The model of a state, normalised as schema_from_snapshot() normalises 0.x snapshots.
SnapshotModel schema_from_v1_state(const State& state, Dialect dialect);

}  // namespace miglint::schema::v1
