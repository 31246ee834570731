#include "schema/snapshot_v1_state.h"

#include <simdjson.h>

#include <algorithm>
#include <deque>

namespace miglint::schema::v1 {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::string json_of(element value) { return simdjson::minify(value); }

Row row_of(object o, std::string type) {
  Row row;
  row.type = std::move(type);
  for (simdjson::dom::key_value_pair kv : o) {
    if (kv.key == "entityType") continue;
    auto existing = std::find_if(row.fields.begin(), row.fields.end(), [&](const auto& f) { return f.first == kv.key; });
    if (existing != row.fields.end()) {
      existing->second = json_of(kv.value);  // JSON.parse keeps the last of a repeated key
    } else {
      row.fields.emplace_back(std::string(kv.key), json_of(kv.value));
    }
  }
  return row;
}

std::optional<std::string> string_of(element value) {
  std::string_view text;
  if (value.get_string().get(text)) return std::nullopt;
  return std::string(text);
}

// The fields that identify an entity of each type (drizzle-kit's ddl "identity").
std::vector<std::string_view> identity_fields(Dialect dialect, std::string_view type) {
  if (dialect == Dialect::SQLite) {
    if (type == "tables" || type == "views") return {"name"};
    return {"table", "name"};
  }
  if (type == "schemas" || type == "roles") return {"name"};
  if (type == "tables" || type == "enums" || type == "indexes" || type == "sequences" || type == "views") {
    return {"schema", "name"};
  }
  if (type == "privileges") return {"schema", "table", "grantor", "grantee", "type"};
  return {"schema", "table", "name"};
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

std::string& field_of(Row& row, std::string_view name) {
  for (auto& [key, value] : row.fields) {
    if (key == name) return value;
  }
  return row.fields.emplace_back(std::string(name), "null").second;
}

// The list's text with every name equal to `from` (a JSON string) made `to`.
std::string renamed_in_list(const std::string& list, std::string_view pick, const std::string& from, const std::string& to) {
  simdjson::dom::parser parser;
  element parsed;
  simdjson::dom::array items;
  if (parser.parse(list).get(parsed) || parsed.get_array().get(items)) return list;
  std::string out = "[";
  bool first = true;
  for (element item : items) {
    if (!first) out += ",";
    first = false;
    object member;
    if (pick.empty() || item.get_object().get(member)) {
      std::string text = json_of(item);
      out += text == from ? to : text;
      continue;
    }
    Row entry = row_of(member, "");
    element expression;
    const bool is_expression = !member["isExpression"].get(expression) && expression.is_bool() && expression.get_bool().value_unsafe();
    if (!is_expression && field_of(entry, pick) == from) field_of(entry, pick) = to;
    out += "{";
    for (std::size_t i = 0; i < entry.fields.size(); ++i) {
      out += (i ? ",\"" : "\"") + entry.fields[i].first + "\":" + entry.fields[i].second;
    }
    out += "}";
  }
  return out + "]";
}

bool lists(const std::string& list, std::string_view pick, const std::string& name) {
  return renamed_in_list(list, pick, name, "\x01") != list;
}

}  // namespace

const std::string* Row::field(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::optional<SnapshotRows> rows_of(object snapshot, bool diff) {
  SnapshotRows out;
  out.diff = diff;
  simdjson::dom::array entries;
  if (snapshot[diff ? "deltas" : "ddl"].get_array().get(entries)) return std::nullopt;
  for (element entry : entries) {
    object o;
    if (entry.get_object().get(o)) return std::nullopt;
    if (!diff) {
      element type;
      auto name = !o["entityType"].get(type) ? string_of(type) : std::nullopt;
      if (!name) return std::nullopt;
      out.ddl.push_back(row_of(o, *name));
      continue;
    }
    element op_value, key_value, row_value, set_value;
    auto op = !o["op"].get(op_value) ? string_of(op_value) : std::nullopt;
    if (!op) return std::nullopt;
    Delta delta;
    if (*op == "create") {
      object row;
      element type;
      if (o["row"].get(row_value) || row_value.get_object().get(row) || row["entityType"].get(type) || !type.is_string()) {
        return std::nullopt;
      }
      delta.row = row_of(row, *string_of(type));
      out.deltas.push_back(std::move(delta));
      continue;
    }
    auto key = !o["key"].get(key_value) ? string_of(key_value) : std::nullopt;
    if (!key || key->find('\0') == std::string::npos) return std::nullopt;
    delta.key = *key;
    if (*op == "drop") {
      delta.op = Delta::Op::Drop;
    } else if (*op == "alter" || *op == "rename") {
      object set;
      if (o["set"].get(set_value) || set_value.get_object().get(set)) return std::nullopt;
      delta.op = Delta::Op::Alter;
      delta.row = row_of(set, key->substr(0, key->find('\0')));
    } else {
      return std::nullopt;
    }
    out.deltas.push_back(std::move(delta));
  }
  return out;
}

State::State(const State& other) : dialect_(other.dialect_), rows_(other.rows_) { rekey(); }

State& State::operator=(const State& other) {
  if (this == &other) return *this;
  dialect_ = other.dialect_;
  rows_ = other.rows_;
  rekey();
  return *this;
}

std::string State::key_of(const Row& row) const {
  std::string key = row.type;
  key += '\0';
  key += '[';
  bool first = true;
  for (std::string_view name : identity_fields(dialect_, row.type)) {
    if (!first) key += ',';
    first = false;
    const std::string* value = row.field(name);
    key += value ? *value : "null";
  }
  return key + ']';
}

void State::rekey() {
  by_key_.clear();
  for (auto it = rows_.begin(); it != rows_.end(); ++it) by_key_[key_of(*it)] = it;
}

bool State::push(Row row) {
  std::string key = key_of(row);
  if (auto found = by_key_.find(key); found != by_key_.end()) {
    // The same row again is no collision (drizzle-kit compares every stored field).
    for (const auto& [name, value] : found->second->fields) {
      const std::string* other = row.field(name);
      if ((other ? *other : "null") != value) return false;
    }
    return true;
  }
  rows_.push_back(std::move(row));
  by_key_[std::move(key)] = std::prev(rows_.end());
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
    if (key_of(row) == delta.key) continue;
    relocate(old_row, row);
    rekey();
    if (by_key_.size() != rows_.size()) return false;  // the new key is another row's
  }
  return true;
}

std::vector<Delta> State::changes_to(const State& after) const {
  // Fields compared as sets: two snapshots may write one entity's keys in different orders.
  auto same = [](const Row& a, const Row& b) {
    if (a.type != b.type || a.fields.size() != b.fields.size()) return false;
    for (const auto& [name, value] : a.fields) {
      const std::string* other = b.field(name);
      if (!other || *other != value) return false;
    }
    return true;
  };
  std::vector<Delta> out;
  for (const Row& row : rows_) {
    std::string key = key_of(row);
    auto found = after.by_key_.find(key);
    if (found != after.by_key_.end() && same(row, *found->second)) continue;
    out.push_back({Delta::Op::Drop, key, {}});
    if (found != after.by_key_.end()) out.push_back({Delta::Op::Create, key, *found->second});
  }
  for (const Row& row : after.rows_) {
    std::string key = after.key_of(row);
    if (!by_key_.count(key)) out.push_back({Delta::Op::Create, std::move(key), row});
  }
  return out;
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
          const std::string* mine = dep.field(own);
          const std::string* was = before.field(target);
          const std::string* is = after.field(target);
          refers = refers && mine && ((was && *mine == *was) || (is && *mine == *is));
        }
        const std::string* name_was = before.field("name");
        if (!edge.list.empty()) {
          const std::string* list = dep.field(edge.list);
          refers = refers && list && name_was && lists(*list, edge.pick, *name_was);
        }
        if (!refers) continue;
        Row dep_before = dep;
        for (const auto& [target, own] : edge.same) {
          if (const std::string* is = after.field(target)) field_of(dep, own) = *is;
        }
        if (!edge.list.empty()) {
          field_of(dep, edge.list) = renamed_in_list(*dep.field(edge.list), edge.pick, *name_was, *after.field("name"));
        }
        if (key_of(dep) != key_of(dep_before)) queue.emplace_back(std::move(dep_before), dep);
      }
    }
  }
}

}  // namespace miglint::schema::v1
