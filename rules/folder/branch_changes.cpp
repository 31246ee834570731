// drizzle-kit 1.0.0-rc.5's check, the parts it compares (see branch_changes.h):
// - PostgreSQL: each snapshot lists footprints (a statement type and target, the nodes it writes,
//   reads and "shared-writes"); two branches conflict when a node one writes (or shared-writes) is
//   one the other writes or reads, unless both are the same idempotent change (same type and
//   sqlHash).
// - SQLite: the statements of its diff without renames (a rename is a drop and a create), each on
//   a table, a table's column or index, or a view, with the statement types that conflict with it
//   there; a statement also counts as one on its table.
#include "folder/branch_changes.h"

#include <algorithm>

#include <fmt/core.h>

namespace miglint::branches {

namespace dom = simdjson::dom;

std::string text_of(dom::element e) {
  std::string_view v;
  return e.get_string().get(v) ? std::string() : std::string(v);
}

std::string text_at(dom::element parent, const char* key) {
  dom::element value;
  return parent[key].get(value) ? std::string() : text_of(value);
}

std::vector<std::string> strings_of(dom::element parent, const char* key) {
  std::vector<std::string> out;
  dom::array items;
  if (parent[key].get_array().get(items)) return out;
  for (dom::element item : items) out.push_back(text_of(item));
  return out;
}


// "column public.users.name" from a footprint node "n|col|public.users.name" or a target.
std::string object_name(std::string_view kind, const std::string& names) {
  static const std::map<std::string_view, std::string_view> kWords = {
      {"tbl", "table"}, {"col", "column"}, {"idx", "index"}, {"seq", "sequence"}, {"sch", "schema"},
      {"pol", "policy"}, {"rls", "row-level security of"}, {"pk", "primary key of"}, {"fk", "foreign key"},
      {"uq", "unique constraint"}, {"ck", "check constraint"}, {"colprop", "column property"},
      {"priv", "privilege"}, {"rel", "relation name"}, {"type", "type name"}, {"con", "constraint name"},
      {"uniqueness", "unique key"}};
  auto word = kWords.find(kind);
  return fmt::format("{} {}", word == kWords.end() ? kind : word->second, names);
}

std::string footprint_node_object(const std::string& node) {
  const auto first = node.find('|');
  const auto second = node.find('|', first + 1);
  if (first == std::string::npos || second == std::string::npos) return node;
  return object_name(std::string_view(node).substr(first + 1, second - first - 1), node.substr(second + 1));
}

std::vector<Change> footprints_of(const Snapshot& s, dom::element root) {
  std::vector<Change> out;
  dom::array footprints;
  if (root["footprints"].get_array().get(footprints)) return out;
  for (dom::element f : footprints) {
    Change c;
    c.action = text_at(f, "statementType");
    if (c.action.empty()) c.action = "an unnamed change";
    std::vector<std::string> target = strings_of(f, "statementTarget");
    std::string names;
    for (std::size_t k = 1; k < target.size(); ++k) {
      if (!target[k].empty()) names += (names.empty() ? "" : ".") + target[k];
    }
    c.object = target.empty() ? c.action : object_name(target[0], names);
    c.source = &s;
    c.writes = strings_of(f, "writes");
    c.reads = strings_of(f, "reads");
    c.shared_writes = strings_of(f, "sharedWrites");
    c.sql_hash = text_at(f, "sqlHash");
    out.push_back(std::move(c));
  }
  return out;
}


// The JSON of an entity with its keys sorted: drizzle-kit compares entities field by field, so
// the order a file lists them in does not count.
std::string canonical(dom::element e) {
  if (e.is_object()) {
    std::map<std::string_view, std::string> fields;
    for (dom::key_value_pair field : dom::object(e)) fields.emplace(field.key, canonical(field.value));
    std::string out = "{";
    for (const auto& [key, value] : fields) out += fmt::format("{}\"{}\":{}", out.size() > 1 ? "," : "", key, value);
    return out + "}";
  }
  if (e.is_array()) {
    std::string out = "[";
    for (dom::element item : dom::array(e)) out += (out.size() > 1 ? "," : "") + canonical(item);
    return out + "]";
  }
  return simdjson::minify(e);
}

std::string minified(dom::element parent, const char* key) {
  dom::element value;
  return parent[key].get(value) ? std::string() : canonical(value);
}

SqliteDdl sqlite_ddl_of(dom::element root) {
  SqliteDdl ddl;
  dom::array entities;
  if (root["ddl"].get_array().get(entities)) return ddl;
  for (dom::element e : entities) {
    const std::string type = text_at(e, "entityType");
    const std::string table = text_at(e, "table");
    const std::string name = text_at(e, "name");
    if (type == "tables") ddl.tables.insert(name);
    if (type == "columns") {
      SqliteColumn c{minified(e, "type"), minified(e, "default"), minified(e, "autoincrement"),
                     minified(e, "notNull"), minified(e, "generated"), false};
      dom::element kind;
      c.stored = !e["generated"]["type"].get(kind) && text_of(kind) == "stored";
      ddl.columns.emplace(std::make_pair(table, name), std::move(c));
    }
    if (type == "indexes") {
      ddl.indexes.emplace(table, name);
      if (minified(e, "origin") == "\"auto\"") ddl.constraints[table].emplace(canonical(e), "");
    }
    if (type == "pks" || type == "uniques" || type == "checks") ddl.constraints[table].emplace(canonical(e), "");
    if (type == "fks") {
      std::vector<std::string> columns = strings_of(e, "columns");
      ddl.constraints[table].emplace(canonical(e), columns.empty() ? "" : columns[0]);
    }
    if (type == "views" && minified(e, "isExisting") != "true") ddl.views.emplace(name, canonical(e));
  }
  return ddl;
}

// A statement of drizzle-kit's SQLite diff on a table, or on a table's column or index (part).
Change sqlite_statement(const std::string& action, const std::string& table, const std::string& part = {}) {
  static const std::vector<std::string> kTable = {"create_table", "drop_table", "rename_table", "recreate_table"};
  static const std::vector<std::string> kColumn = {"add_column", "drop_column", "recreate_column", "rename_column"};
  static const std::vector<std::string> kIndex = {"create_index", "drop_index"};
  static const std::vector<std::string> kView = {"create_view", "drop_view", "rename_view"};
  Change c;
  c.action = action;
  const bool is_index = action.ends_with("_index"), is_view = action.ends_with("_view");
  std::vector<std::string> conflicts = is_index ? kIndex : is_view ? kView : part.empty() ? kTable : kColumn;
  if (action == "drop_table" || action == "recreate_table") {
    conflicts.insert(conflicts.end(), kColumn.begin(), kColumn.end());
    conflicts.insert(conflicts.end(), kIndex.begin(), kIndex.end());
  }
  const std::string primary = fmt::format("{};{}", table, part);
  c.object = is_view       ? "view " + table
             : is_index    ? fmt::format("index {} on table {}", part, table)
             : part.empty() ? "table " + table
                            : fmt::format("column {}.{}", table, part);
  c.targets.push_back(action + ";" + primary);
  if (!part.empty()) c.targets.push_back(action + ";" + table + ";");
  for (const std::string& other : conflicts) c.conflicts_with.push_back(other + ";" + primary);
  return c;
}

// drizzle-kit 1.0's SQLite diff from one snapshot to another, reduced to the statements' types and
// objects. Not modelled: its pardon of notNull on a one-column primary key and of defaults it
// deems equal.
std::vector<Change> sqlite_diff(const SqliteDdl& from, const SqliteDdl& to) {
  std::vector<Change> out;
  std::set<std::pair<std::string, std::string>> added;  // columns of tables both have
  for (const auto& [key, column] : to.columns) {
    if (from.tables.count(key.first) && !from.columns.count(key)) added.insert(key);
  }
  // Tables rebuilt: a constraint added, dropped or changed (a foreign key on an added column goes
  // with its ADD COLUMN), a stored generated column added, or a column's type, default,
  // autoincrement or notNull changed (or it became stored generated).
  std::set<std::string> recreated;
  static const std::map<std::string, std::string> kNone;
  for (const std::string& table : to.tables) {
    if (!from.tables.count(table)) continue;
    auto b = from.constraints.find(table), a = to.constraints.find(table);
    const auto& before = b == from.constraints.end() ? kNone : b->second;
    const auto& after = a == to.constraints.end() ? kNone : a->second;
    bool changed = false;
    for (const auto& [c, fk_column] : after) changed = changed || (!before.count(c) && !added.count({table, fk_column}));
    for (const auto& [c, fk_column] : before) changed = changed || !after.count(c);
    if (changed) recreated.insert(table);
  }
  std::vector<std::pair<std::string, std::string>> regenerated;  // only the generated expression changed
  for (const auto& [key, column] : to.columns) {
    auto old = from.columns.find(key);
    if (old == from.columns.end()) {
      if (added.count(key) && column.stored) recreated.insert(key.first);
      continue;
    }
    const SqliteColumn& was = old->second;
    if (was.type != column.type || was.default_value != column.default_value || was.autoincrement != column.autoincrement ||
        was.not_null != column.not_null || (was.generated != column.generated && column.stored)) {
      recreated.insert(key.first);
    } else if (was.generated != column.generated) {
      regenerated.push_back(key);
    }
  }
  for (const std::string& table : to.tables) {
    if (!from.tables.count(table)) out.push_back(sqlite_statement("create_table", table));
  }
  for (const auto& key : added) {
    if (!to.columns.at(key).stored) out.push_back(sqlite_statement("add_column", key.first, key.second));
  }
  for (const auto& key : regenerated) {
    if (!recreated.count(key.first)) out.push_back(sqlite_statement("recreate_column", key.first, key.second));
  }
  for (const std::string& table : recreated) out.push_back(sqlite_statement("recreate_table", table));
  for (const auto& key : from.indexes) {
    if (!to.indexes.count(key)) out.push_back(sqlite_statement("drop_index", key.first, key.second));
  }
  for (const auto& key : to.indexes) {
    if (recreated.count(key.first) || !from.indexes.count(key)) out.push_back(sqlite_statement("create_index", key.first, key.second));
  }
  for (const std::string& table : from.tables) {
    if (!to.tables.count(table)) out.push_back(sqlite_statement("drop_table", table));
  }
  for (const auto& [key, column] : from.columns) {
    if (to.tables.count(key.first) && !recreated.count(key.first) && !to.columns.count(key)) {
      out.push_back(sqlite_statement("drop_column", key.first, key.second));
    }
  }
  for (const auto& [name, view] : from.views) {
    auto now = to.views.find(name);
    if (now == to.views.end() || now->second != view) out.push_back(sqlite_statement("drop_view", name));
  }
  for (const auto& [name, view] : to.views) {
    auto before = from.views.find(name);
    if (before == from.views.end() || before->second != view) out.push_back(sqlite_statement("create_view", name));
  }
  return out;
}

bool same_change(const Change& a, const Change& b) {
  return !a.sql_hash.empty() && a.action == b.action && a.sql_hash == b.sql_hash;
}

// A node one of `from` writes that one of `to` writes or reads: (from's change, to's, node).
std::optional<std::tuple<const Change*, const Change*, std::string>> footprint_clash(const std::vector<Change>& from,
                                                                                     const std::vector<Change>& to) {
  std::map<std::string, std::vector<const Change*>> touching;
  for (const Change& c : to) {
    for (const auto* nodes : {&c.writes, &c.reads}) {
      for (const std::string& node : *nodes) touching[node].push_back(&c);
    }
  }
  for (const Change& c : from) {
    for (const auto* nodes : {&c.writes, &c.shared_writes}) {
      for (const std::string& node : *nodes) {
        auto others = touching.find(node);
        if (others == touching.end()) continue;
        for (auto other = others->second.rbegin(); other != others->second.rend(); ++other) {
          if (!same_change(c, **other)) return std::make_tuple(&c, *other, footprint_node_object(node));
        }
      }
    }
  }
  return std::nullopt;
}

// A statement of `from` on an object where one of `to` names its type as conflicting.
std::optional<std::pair<const Change*, const Change*>> listed_clash(const std::vector<Change>& from, const std::vector<Change>& to) {
  for (const Change& c : from) {
    for (const std::string& target : c.targets) {
      for (const Change& other : to) {
        if (std::find(other.conflicts_with.begin(), other.conflicts_with.end(), target) != other.conflicts_with.end()) {
          return std::make_pair(&c, &other);
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace miglint::branches
