#include "schema/snapshot_v1_state.h"

#include <simdjson.h>

#include <algorithm>
#include <deque>
#include <span>

#include <fmt/core.h>

namespace miglint::schema::v1 {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// A parse of "null", the value of a field a row lacks.
Value null_value() {
  static const simdjson::dom::document document = [] {
    simdjson::dom::document d;
    simdjson::dom::parser parser;
    (void)parser.parse_into_document(d, "null", 4);
    return d;
  }();
  return document.root();
}

// Whether two values are the same JSON (members of objects compared in order, as their texts are).
bool same(Value a, Value b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case simdjson::dom::element_type::ARRAY: {
      auto x = a.get_array().value_unsafe(), y = b.get_array().value_unsafe();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (!same(*i, *j)) return false;
      }
      return true;
    }
    case simdjson::dom::element_type::OBJECT: {
      auto x = a.get_object().value_unsafe(), y = b.get_object().value_unsafe();
      if (x.size() != y.size()) return false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (i.key() != j.key() || !same(i.value(), j.value())) return false;
      }
      return true;
    }
    case simdjson::dom::element_type::STRING:
      return a.get_string().value_unsafe() == b.get_string().value_unsafe();
    case simdjson::dom::element_type::INT64:
      return a.get_int64().value_unsafe() == b.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
      return a.get_uint64().value_unsafe() == b.get_uint64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE:
      return a.get_double().value_unsafe() == b.get_double().value_unsafe();
    case simdjson::dom::element_type::BOOL:
      return a.get_bool().value_unsafe() == b.get_bool().value_unsafe();
    case simdjson::dom::element_type::NULL_VALUE:
      return true;
  }
  return false;
}

std::optional<std::string_view> string_of(element value) {
  std::string_view text;
  if (value.get_string().get(text)) return std::nullopt;
  return text;
}

// The fields that identify an entity of each type (drizzle-kit's ddl "identity").
std::span<const std::string_view> identity_fields(Dialect dialect, std::string_view type) {
  static constexpr std::string_view kName[] = {"name"};
  static constexpr std::string_view kTableName[] = {"table", "name"};
  static constexpr std::string_view kSchemaName[] = {"schema", "name"};
  static constexpr std::string_view kSchemaTableName[] = {"schema", "table", "name"};
  static constexpr std::string_view kPrivilege[] = {"schema", "table", "grantor", "grantee", "type"};
  if (dialect == Dialect::SQLite) {
    if (type == "tables" || type == "views") return kName;
    return kTableName;
  }
  if (type == "schemas" || type == "roles") return kName;
  if (type == "tables" || type == "enums" || type == "indexes" || type == "sequences" || type == "views") {
    return kSchemaName;
  }
  if (type == "privileges") return kPrivilege;
  return kSchemaTableName;
}

// A value as JSON.stringify writes it into a delta's key: strings (the usual identity) written here,
// anything else minified.
void append_json(std::string& out, Value value) {
  std::string_view text;
  if (value.get_string().get(text)) {
    out += simdjson::minify(value);
    return;
  }
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string key_of(Dialect dialect, const Row& row) {
  std::string key;
  key.reserve(64);
  key += row.type;
  key += '\0';
  key += '[';
  bool first = true;
  for (std::string_view name : identity_fields(dialect, row.type)) {
    if (!first) key += ',';
    first = false;
    if (const std::optional<Value> value = row.field(name)) {
      append_json(key, *value);
    } else {
      key += "null";
    }
  }
  return key + ']';
}

Row row_of(object o, std::string type) {
  Row row;
  row.type = std::move(type);
  row.fields.reserve(o.size());
  for (simdjson::dom::key_value_pair kv : o) {
    if (kv.key == "entityType") continue;
    auto existing = std::find_if(row.fields.begin(), row.fields.end(), [&](const Field& f) { return f.first == kv.key; });
    if (existing != row.fields.end()) {
      existing->second = kv.value;  // JSON.parse keeps the last of a repeated key
    } else {
      row.fields.emplace_back(kv.key, kv.value);
    }
  }
  return row;
}

// Whether `row` holds every field of `stored` alike (a field it lacks counts as null), as
// drizzle-kit's store compares a row pushed again under a key it has.
bool holds_alike(const Row& stored, const Row& row) {
  for (const auto& [name, value] : stored.fields) {
    if (!same(row.field(name).value_or(null_value()), value)) return false;
  }
  return true;
}

// A dependent's reference to another entity (drizzle-kit's ddl "edges"): the target's fields
// named by the dependent's fields, and at most one list of the dependent naming the target's
// "name" (directly, or as the `pick` member of its objects).
struct Edge {
  std::string_view from;
  std::string_view to;
  std::vector<std::pair<std::string_view, std::string_view>> same;  // target field, dependent field
  std::string_view list;                                            // dependent field listing names
  std::string_view pick;
};

const std::vector<Edge>& postgres_edges() {
  static const std::vector<Edge> edges = [] {
    std::vector<Edge> e;
    for (std::string_view from : {"tables", "enums", "sequences", "views"}) e.push_back({from, "schemas", {{"name", "schema"}}, {}, {}});
    for (std::string_view from : {"columns", "indexes", "pks", "uniques", "fks", "checks", "policies", "privileges"}) {
      e.push_back({from, "tables", {{"schema", "schema"}, {"name", "table"}}, {}, {}});
    }
    e.push_back({"columns", "enums", {{"schema", "typeSchema"}, {"name", "type"}}, {}, {}});
    e.push_back({"indexes", "columns", {{"schema", "schema"}, {"table", "table"}}, "columns", "value"});
    for (std::string_view from : {"pks", "uniques", "fks"}) {
      e.push_back({from, "columns", {{"schema", "schema"}, {"table", "table"}}, "columns", {}});
    }
    e.push_back({"fks", "tables", {{"schema", "schemaTo"}, {"name", "tableTo"}}, {}, {}});
    e.push_back({"fks", "columns", {{"schema", "schemaTo"}, {"table", "tableTo"}}, "columnsTo", {}});
    e.push_back({"policies", "roles", {}, "roles", {}});
    e.push_back({"privileges", "roles", {{"name", "grantee"}}, {}, {}});
    e.push_back({"privileges", "roles", {{"name", "grantor"}}, {}, {}});
    return e;
  }();
  return edges;
}

Value& field_of(Row& row, std::string_view name) {
  for (auto& [field_name, value] : row.fields) {
    if (field_name == name) return value;
  }
  return row.fields.emplace_back(name, null_value()).second;
}

// Whether a list item names `name`: itself, or for a list of objects its `pick` member, unless
// the object is an expression.
bool names(Value item, std::string_view pick, Value name) {
  if (pick.empty()) return same(item, name);
  object member;
  if (item.get_object().get(member)) return same(item, name);
  element expression, picked;
  if (!member["isExpression"].get(expression) && expression.is_bool() && expression.get_bool().value_unsafe()) return false;
  return !member[pick].get(picked) && same(picked, name);
}

bool lists(Value list, std::string_view pick, Value name) {
  simdjson::dom::array items;
  if (list.get_array().get(items)) return false;
  for (element item : items) {
    if (names(item, pick, name)) return true;
  }
  return false;
}

}  // namespace

std::optional<Value> Row::field(std::string_view name) const {
  for (const auto& [field_name, value] : fields) {
    if (field_name == name) return value;
  }
  return std::nullopt;
}

namespace {

// Reads the entries into `out`, or with no `out` only checks their shape.
bool read_rows(object snapshot, bool diff, Dialect dialect, SnapshotRows* out) {
  simdjson::dom::array entries;
  if (snapshot[diff ? "deltas" : "ddl"].get_array().get(entries)) return false;
  // Views of the rows' keys: the rows are reserved, so they do not move.
  std::unordered_map<std::string_view, std::size_t> ddl_keys;
  if (out && !diff) out->ddl.reserve(entries.size());
  for (element entry : entries) {
    object o;
    if (entry.get_object().get(o)) return false;
    if (!diff) {
      element type;
      auto name = !o["entityType"].get(type) ? string_of(type) : std::nullopt;
      if (!name) return false;
      if (!out) continue;
      Row& row = out->ddl.emplace_back(row_of(o, std::string(*name)));
      row.key = key_of(dialect, row);
      auto [at, added] = ddl_keys.try_emplace(row.key, out->ddl.size() - 1);
      if (added) continue;
      if (!holds_alike(out->ddl[at->second], row)) out->ddl_conflict = true;
      out->ddl.pop_back();
      continue;
    }
    element op_value, key_value, row_value, set_value;
    auto op = !o["op"].get(op_value) ? string_of(op_value) : std::nullopt;
    if (!op) return false;
    Delta delta;
    if (*op == "create") {
      object row;
      element type;
      if (o["row"].get(row_value) || row_value.get_object().get(row) || row["entityType"].get(type) || !type.is_string()) {
        return false;
      }
      if (!out) continue;
      delta.row = row_of(row, std::string(*string_of(type)));
      delta.row.key = key_of(dialect, delta.row);
      out->deltas.push_back(std::move(delta));
      continue;
    }
    auto key = !o["key"].get(key_value) ? string_of(key_value) : std::nullopt;
    if (!key || key->find('\0') == std::string_view::npos) return false;
    object set;
    if (*op == "drop") {
      delta.op = Delta::Op::Drop;
    } else if (*op == "alter" || *op == "rename") {
      if (o["set"].get(set_value) || set_value.get_object().get(set)) return false;
      delta.op = Delta::Op::Alter;
    } else {
      return false;
    }
    if (!out) continue;
    delta.key = std::string(*key);
    if (delta.op == Delta::Op::Alter) delta.row = row_of(set, delta.key.substr(0, delta.key.find('\0')));
    out->deltas.push_back(std::move(delta));
  }
  return true;
}

}  // namespace

std::optional<SnapshotRows> rows_of(object snapshot, bool diff, Dialect dialect) {
  SnapshotRows out;
  out.diff = diff;
  if (!read_rows(snapshot, diff, dialect, &out)) return std::nullopt;
  return out;
}

bool has_rows(object snapshot, bool diff) { return read_rows(snapshot, diff, Dialect::PostgreSQL, nullptr); }

Value MadeValues::add(std::string_view json) {
  simdjson::dom::document& document = documents_.emplace_back();
  element value;
  if (parser_.parse_into_document(document, json.data(), json.size()).get(value)) return null_value();
  return value;
}

State::State(const State& other) : dialect_(other.dialect_), rows_(other.rows_), made_(other.made_) { rekey(); }

State& State::operator=(const State& other) {
  if (this == &other) return *this;
  dialect_ = other.dialect_;
  rows_ = other.rows_;
  made_ = other.made_;
  rekey();
  return *this;
}

void State::rekey() {
  by_key_.clear();
  by_key_.reserve(rows_.size());
  for (auto it = rows_.begin(); it != rows_.end(); ++it) by_key_[it->key] = it;
}

bool State::push(Row row) {
  if (auto found = by_key_.find(row.key); found != by_key_.end()) {
    return holds_alike(*found->second, row);  // the same row again is no collision
  }
  rows_.push_back(std::move(row));
  by_key_[rows_.back().key] = std::prev(rows_.end());
  return true;
}

bool State::apply(const std::vector<Delta>& deltas) {
  for (const Delta& delta : deltas) {
    if (delta.op == Delta::Op::Create) {
      if (!push(delta.row)) return false;
      continue;
    }
    auto found = by_key_.find(delta.key);
    if (found == by_key_.end()) continue;  // drizzle-kit's store passes over an absent key too
    if (delta.op == Delta::Op::Drop) {
      rows_.erase(found->second);
      by_key_.erase(found);
      continue;
    }
    Row& row = *found->second;
    const Row old_row = row;
    for (const auto& [name, value] : delta.row.fields) {
      if (row.field(name)) field_of(row, name) = value;  // a field the row lacks is not set
    }
    row.key = key_of(dialect_, row);
    if (row.key == delta.key) continue;
    relocate(old_row, row);
    rekey();
    if (by_key_.size() != rows_.size()) return false;  // the new key is another row's
  }
  return true;
}

std::vector<Delta> State::changes_to(const State& after) const {
  // Fields compared as sets: two snapshots may write one entity's keys in different orders.
  auto alike = [](const Row& a, const Row& b) {
    if (a.type != b.type || a.fields.size() != b.fields.size()) return false;
    for (const auto& [name, value] : a.fields) {
      const std::optional<Value> other = b.field(name);
      if (!other || !same(*other, value)) return false;
    }
    return true;
  };
  std::vector<Delta> out;
  for (const Row& row : rows_) {
    auto found = after.by_key_.find(row.key);
    if (found != after.by_key_.end() && alike(row, *found->second)) continue;
    out.push_back({Delta::Op::Drop, row.key, {}});
    if (found != after.by_key_.end()) out.push_back({Delta::Op::Create, row.key, *found->second});
  }
  for (const Row& row : after.rows_) {
    if (!by_key_.count(row.key)) out.push_back({Delta::Op::Create, row.key, row});
  }
  return out;
}

// The list with every name equal to `from` made `to`, as a value of this state's own.
Value State::renamed_in_list(Value list, std::string_view pick, Value from, Value to) {
  simdjson::dom::array items;
  if (list.get_array().get(items)) return list;
  std::string out = "[";
  for (element item : items) {
    if (out.size() > 1) out += ",";
    object member;
    if (!names(item, pick, from)) {
      out += simdjson::minify(item);
    } else if (pick.empty() || item.get_object().get(member)) {
      out += simdjson::minify(to);
    } else {
      Row entry = row_of(member, "");
      field_of(entry, pick) = to;
      out += "{";
      for (std::size_t i = 0; i < entry.fields.size(); ++i) {
        out += fmt::format("{}\"{}\":{}", i ? "," : "", entry.fields[i].first, simdjson::minify(entry.fields[i].second));
      }
      out += "}";
    }
  }
  if (!made_) made_ = std::make_shared<MadeValues>();
  return made_->add(out + "]");
}

// A rename moves what refers to the renamed entity along with it, as drizzle-kit's update does.
void State::relocate(const Row& old_row, const Row& new_row) {
  if (dialect_ == Dialect::SQLite) return;  // SQLite snapshots hold the whole ddl: no deltas
  std::deque<std::pair<Row, Row>> queue{{old_row, new_row}};
  while (!queue.empty()) {
    auto [before, after] = std::move(queue.front());
    queue.pop_front();
    for (const Edge& edge : postgres_edges()) {
      if (edge.to != before.type) continue;
      for (Row& dep : rows_) {
        if (dep.type != edge.from) continue;
        // Its scalar references name the target as it was (or already as it is, moved by another edge).
        bool refers = true;
        for (const auto& [target, own] : edge.same) {
          const std::optional<Value> mine = dep.field(own), was = before.field(target), is = after.field(target);
          refers = refers && mine && ((was && same(*mine, *was)) || (is && same(*mine, *is)));
        }
        const std::optional<Value> name_was = before.field("name");
        if (!edge.list.empty()) {
          const std::optional<Value> list = dep.field(edge.list);
          refers = refers && list && name_was && lists(*list, edge.pick, *name_was);
        }
        if (!refers) continue;
        Row dep_before = dep;
        for (const auto& [target, own] : edge.same) {
          if (const std::optional<Value> is = after.field(target)) field_of(dep, own) = *is;
        }
        if (!edge.list.empty()) {
          const Value list = *dep.field(edge.list);
          field_of(dep, edge.list) = renamed_in_list(list, edge.pick, *name_was, after.field("name").value_or(null_value()));
        }
        dep.key = key_of(dialect_, dep);
        if (dep.key != dep_before.key) queue.emplace_back(std::move(dep_before), dep);
      }
    }
  }
}

}  // namespace miglint::schema::v1
