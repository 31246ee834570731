#include "schema/from_snapshot.h"

#include <simdjson.h>

#include <algorithm>

#include <fmt/core.h>

#include "schema/snapshot_readers.h"

namespace miglint::schema {

namespace {

// Tables read into the schema, the last of a name replacing the others as JSON.parse would.
class SchemaTables final : public TableSink {
 public:
  explicit SchemaTables(Schema& schema) : schema_(schema) {}
  void add(snapshot_json::object, std::optional<snapshot_json::object>, const std::function<Table()>& read) override {
    Table table = read();
    QualifiedName name = table.name;
    schema_.tables[std::move(name)] = std::move(table);
  }

 private:
  Schema& schema_;
};

// Tables taken from the pool when it has them, in file order.
class PooledTables final : public TableSink {
 public:
  explicit PooledTables(PartCache& cache) : cache_(cache) {}
  void add(snapshot_json::object json, std::optional<snapshot_json::object> context,
           const std::function<Table()>& read) override {
    Fingerprint key = fingerprint(json);
    if (context) key = combine(key, fingerprint(*context));
    // Kept for the whole run: without the room its vector grew into.
    tables.push_back(cache_.table(key, [&read] {
      Table table = read();
      table.columns.shrink_to_fit();
      return table;
    }));
  }
  std::vector<const Table*> tables;

 private:
  PartCache& cache_;
};

std::string read_snapshot(const simdjson::dom::element& root, Dialect dialect, Schema* rest, TableSink& tables) {
  simdjson::dom::object object;
  if (root.get_object().get(object)) return "the snapshot is not a JSON object";
  std::string problem;
  switch (dialect) {
    case Dialect::PostgreSQL:
    case Dialect::Gel: problem = read_postgres_snapshot(object, rest, tables); break;
    case Dialect::SQLite: problem = read_sqlite_snapshot(object, rest, tables); break;
    case Dialect::MySQL:
    case Dialect::SingleStore: problem = read_mysql_snapshot(object, rest, tables); break;
  }
  if (!problem.empty()) return fmt::format("the snapshot cannot be modelled: {}", problem);
  return {};
}

}  // namespace

SnapshotModel schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect) {
  Schema schema;
  SchemaTables tables(schema);
  std::string problem = read_snapshot(root, dialect, &schema, tables);
  if (!problem.empty()) return {std::nullopt, std::move(problem)};
  return {std::move(schema), {}};
}

SnapshotModel schema_from_snapshot(std::string_view text, Dialect dialect) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(text.data(), text.size()).get(root)) {
    return {std::nullopt, fmt::format("the snapshot is not valid JSON ({})", simdjson::error_message(error))};
  }
  return schema_from_snapshot(root, dialect);
}

SharedSnapshotModel shared_schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect, PartCache& cache,
                                                std::span<const std::pair<std::size_t, const Table*>> left_out,
                                                std::vector<const Table*>* in_file_order) {
  SharedSnapshotModel model;
  model.dialect = dialect;
  PooledTables tables(cache);
  // The rest is read from the members other than the tables (the ids change with every generate
  // and are not read): only when no earlier snapshot wrote them alike.
  simdjson::dom::object object;
  std::optional<Fingerprint> rest_key;
  if (!root.get_object().get(object)) {
    rest_key = fingerprint_except(object, {"tables", "id", "prevId"});
    model.rest = cache.known_rest(*rest_key);
  }
  Schema rest;
  model.problem = read_snapshot(root, dialect, model.rest ? nullptr : &rest, tables);
  if (!model.modelled()) {
    model.rest = nullptr;
    return model;
  }
  if (!model.rest) {
    model.rest = cache.rest(*rest_key, [&] {
      SnapshotRest shared;
      for (auto& entry : rest.enums) shared.enums.push_back(cache.pool()->enums.intern(std::move(entry.second)));
      rest.enums.clear();
      shared.schema = std::move(rest);
      return shared;
    });
  }
  model.pool = cache.pool();
  std::vector<const Table*> sorted;  // in file order first
  sorted.reserve(tables.tables.size() + left_out.size());
  auto read = tables.tables.begin();
  for (auto cut = left_out.begin(); read != tables.tables.end() || cut != left_out.end();) {
    if (cut != left_out.end() && (cut->first == sorted.size() || read == tables.tables.end())) {
      sorted.push_back((cut++)->second);
    } else {
      sorted.push_back(*read++);
    }
  }
  if (in_file_order) *in_file_order = sorted;
  // By name, the last of a name kept (as SchemaTables keeps it).
  std::stable_sort(sorted.begin(), sorted.end(), [](const Table* a, const Table* b) { return a->name < b->name; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i + 1 < sorted.size() && sorted[i + 1]->name == sorted[i]->name) continue;
    model.tables.push_back(sorted[i]);
  }
  return model;
}

void make_room(simdjson::dom::parser& parser, std::size_t bytes) {
  if (bytes <= parser.capacity()) return;
  [[maybe_unused]] simdjson::error_code grown = parser.allocate(std::max(bytes, parser.capacity() + parser.capacity() / 2));
}

std::size_t approximate_bytes(const Table& table) {
  // A string's characters past the few kept inline, and a map entry's node around its value.
  auto text = [](const std::string& s) { return s.size() > 15 ? s.capacity() + 1 : 0; };
  constexpr std::size_t node = 48;
  std::size_t bytes = sizeof(Table) + text(table.name.schema) + text(table.name.name);
  bytes += table.columns.capacity() * sizeof(Column);
  for (const Column& c : table.columns) {
    bytes += text(c.name) + text(c.type) + (c.default_value ? text(*c.default_value) : 0) +
             (c.generated ? text(*c.generated) : 0);
  }
  bytes += table.foreign_keys.size() * (node + sizeof(ForeignKey)) +
           table.unique_constraints.size() * (node + sizeof(UniqueConstraint)) +
           table.checks.size() * (node + sizeof(CheckConstraint)) + table.policies.size() * (node + sizeof(Policy));
  for (const auto& [name, index] : table.indexes) {
    bytes += node + sizeof(Index) + text(name) + index.keys.capacity() * sizeof(std::string);
    for (const std::string& key : index.keys) bytes += text(key);
  }
  return bytes;
}

const Enum* EnumShelf::intern(Enum value) {
  std::size_t hash = std::hash<std::string>{}(value.name.schema) ^ std::hash<std::string>{}(value.name.name) << 1;
  for (const std::string& v : value.values) hash = hash * 31 + std::hash<std::string>{}(v);
  std::lock_guard lock(mutex_);
  auto [first, last] = enums_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (*it->second == value) return it->second.get();
  }
  return enums_.emplace(hash, std::make_unique<const Enum>(std::move(value)))->second.get();
}

Schema SharedSnapshotModel::whole() const {
  Schema schema = rest->schema;
  for (const Enum* e : rest->enums) schema.enums.emplace_hint(schema.enums.end(), e->name, *e);
  for (const auto& table : tables) schema.tables.emplace_hint(schema.tables.end(), table->name, *table);
  return schema;
}

}  // namespace miglint::schema
