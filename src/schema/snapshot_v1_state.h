// Drizzle Kit 1.0 snapshots as entity rows (the "ddl" array of every SQLite snapshot and of a
// PostgreSQL "base" one), and the state drizzle-kit 1.0 reconstructs from them: a PostgreSQL
// "diff" snapshot holds only the deltas from its first parent (create a row, drop a key, alter or
// rename a key's fields), so its schema is its base's rows with every delta down the chain applied.
// schema_from_v1_rows() (snapshot_v1_model.cpp) then models rows as the 0.x snapshots are.
//
// A row's fields are values of the snapshot's parse: nothing is copied out of the document or
// written back to JSON to be read again.
#pragma once

#include <simdjson.h>

#include <deque>
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

namespace miglint::schema::v1 {

using Value = simdjson::dom::element;
using Field = std::pair<std::string_view, Value>;

// One entity: its type ("tables", "columns", ...), its key as drizzle-kit names it in deltas
// ("<type>\0[<identity fields as JSON>]", set by rows_of and kept by State; empty in the fields an
// alter sets), and its fields in the order the snapshot writes them.
struct Row {
  std::string type;
  std::string key;
  std::vector<Field> fields;
  std::optional<Value> field(std::string_view name) const;
};

struct Delta {
  enum class Op { Create, Drop, Alter };  // a rename is applied as an alter is
  Op op = Op::Create;
  std::string key;  // "<type>\0<identity>", as drizzle-kit writes it
  Row row;          // create: the row; alter: the fields it sets
};

// A 1.0 snapshot's ddl or deltas as rows of its parse, which `document` keeps when the rows
// outlive the parser that made them.
struct SnapshotRows {
  std::shared_ptr<const simdjson::dom::document> document;
  bool diff = false;  // PostgreSQL "diff": deltas, else ddl
  std::vector<Row> ddl;  // a row listed twice alike is kept once
  // Two different entities under one key in the ddl (drizzle-kit refuses the snapshot).
  bool ddl_conflict = false;
  std::vector<Delta> deltas;
};

// The snapshot's ddl or deltas, read from its parse (the rows point into it); nothing when an
// entry is not an object of the expected shape.
std::optional<SnapshotRows> rows_of(simdjson::dom::object snapshot, bool diff, Dialect dialect);
// Whether rows_of would read them, checked without making them.
bool has_rows(simdjson::dom::object snapshot, bool diff);

// Values a state makes itself (a list with a name renamed in it): parsed into documents of their
// own, shared by copies of a state, which all live on the thread that made them.
class MadeValues {
 public:
  Value add(std::string_view json);

 private:
  simdjson::dom::parser parser_;
  std::deque<simdjson::dom::document> documents_;
};

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
  void rekey();
  void relocate(const Row& old_row, const Row& new_row);
  Value renamed_in_list(Value list, std::string_view pick, Value from, Value to);
  Dialect dialect_;
  std::list<Row> rows_;
  std::unordered_map<std::string, std::list<Row>::iterator> by_key_;
  std::shared_ptr<MadeValues> made_;
};

// The model of rows, normalised as schema_from_snapshot() normalises 0.x snapshots: a state's, or
// a whole snapshot's ddl.
SnapshotModel schema_from_v1_rows(const std::list<Row>& rows, Dialect dialect);
SnapshotModel schema_from_v1_rows(const std::vector<Row>& rows, Dialect dialect);

}  // namespace miglint::schema::v1
