// drizzle-kit 1.0.0-rc.5's check on MySQL (see branch_changes.h): like SQLite's, it diffs the
// fork's snapshot to each head's without renames and compares the statements by a fixed list of
// conflicting types. Its list differs from SQLite's: foreign keys, checks and primary keys count by
// table (two branches that each add a foreign key to one table conflict), an index does not
// conflict with dropping its column, and a column is altered in place instead of rebuilding its
// table. Facts read from its dist code (mysql diff.ts, commutativity.ts); none of its code.
#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/core.h>

#include "folder/branch_changes.h"

namespace miglint::branches {

namespace dom = simdjson::dom;

namespace {

using Key = std::pair<std::string, std::string>;

MysqlRow row_of(dom::element e) {
  MysqlRow row;
  dom::object fields;
  if (e.get_object().get(fields)) return row;
  for (dom::key_value_pair field : fields) {
    if (field.key == "entityType") continue;
    row.json.emplace(field.key, canonical(field.value));
    if (field.value.is_string()) row.text.emplace(field.key, text_of(field.value));
  }
  return row;
}

std::string json_of(const MysqlRow& row, const std::string& field) {
  auto found = row.json.find(field);
  return found == row.json.end() ? std::string() : found->second;
}

std::string field_text(const MysqlRow& row, const std::string& field) {
  auto found = row.text.find(field);
  return found == row.text.end() ? std::string() : found->second;
}

bool is_true(const MysqlRow& row, const std::string& field) { return json_of(row, field) == "true"; }

std::vector<std::string> texts_of(const std::string& json_array) {
  std::vector<std::string> out;
  dom::parser parser;
  dom::array items;
  if (parser.parse(json_array).get_array().get(items)) return out;
  for (dom::element item : items) out.push_back(text_of(item));
  return out;
}

// The fields that differ between two rows of one identity.
std::set<std::string> changed_fields(const MysqlRow& a, const MysqlRow& b) {
  std::set<std::string> out;
  for (const auto& [field, value] : a.json) {
    if (json_of(b, field) != value) out.insert(field);
  }
  for (const auto& [field, value] : b.json) {
    if (!a.json.count(field)) out.insert(field);
  }
  return out;
}

std::string replace_first(std::string s, const std::string& what, const std::string& with) {
  if (auto at = s.find(what); at != std::string::npos) s.replace(at, what.size(), with);
  return s;
}

// Types or defaults the diff treats as the same (its "default" mode, as generate and check use).
bool commutative(const std::string& left, const std::string& right) {
  static const std::vector<std::set<std::string>> kSame = {{"tinyint(1)", "boolean"}, {"binary(1)", "binary"}, {"char(1)", "char"}};
  for (const auto& same : kSame) {
    if (same.count(left) && same.count(right)) return true;
  }
  static const std::regex kNow(R"(^\(?(?:now|CURRENT_TIMESTAMP)(?:\((\d*)\))?\)?$)");
  std::smatch l, r;
  if (std::regex_match(left, l, kNow) && std::regex_match(right, r, kNow) && l[1].str() == r[1].str()) return true;
  if (replace_first(left, ", ", ",") == replace_first(right, ", ", ",")) return true;
  return (left.starts_with("float(") && right == "float") || (right.starts_with("float(") && left == "float");
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A statement of the MySQL diff on a table or view (part empty), or a table's column or index.
Change statement(const std::string& action, const std::string& object, const std::string& part = {}) {
  static const std::vector<std::string> kColumn = {"add_column", "alter_column", "drop_column", "rename_column", "recreate_column"};
  static const std::vector<std::string> kView = {"create_view", "drop_view", "rename_view", "alter_view"};
  static const std::map<std::string, std::vector<std::string>> kConflicts = {
      {"create_table", {"create_table", "drop_table", "rename_table"}},
      {"drop_table", {"create_table", "drop_table", "rename_table", "add_column", "drop_column", "alter_column",
                      "recreate_column", "rename_column", "create_index"}},
      {"create_index", {"create_index", "drop_index", "drop_table"}},
      {"drop_index", {"create_index", "drop_index"}},
      {"drop_pk", {"drop_pk", "create_pk"}},
      {"create_pk", {"drop_pk", "create_pk"}},
      {"create_fk", {"create_fk", "drop_constraint"}},
      {"drop_constraint", {"drop_constraint", "create_fk", "create_check"}},
      {"create_check", {"create_check", "drop_constraint"}},
  };
  static const std::map<std::string, std::string> kWhat = {
      {"drop_pk", "primary key of table {}"},       {"create_pk", "primary key of table {}"},
      {"create_fk", "foreign keys of table {}"},    {"create_check", "check constraints of table {}"},
      {"drop_constraint", "constraints of table {}"}};
  Change c;
  c.action = action;
  const bool is_view = action.ends_with("_view"), is_index = action.ends_with("_index");
  auto listed = kConflicts.find(action);
  const std::vector<std::string>& conflicts = is_view ? kView : listed != kConflicts.end() ? listed->second : kColumn;
  auto what = kWhat.find(action);
  c.object = is_view                 ? "view " + object
             : is_index              ? fmt::format("index {} on table {}", part, object)
             : what != kWhat.end()   ? fmt::format(fmt::runtime(what->second), object)
             : part.empty()          ? "table " + object
                                     : fmt::format("column {}.{}", object, part);
  const std::string primary = fmt::format("{};{}", object, part);
  c.targets.push_back(action + ";" + primary);
  if (!part.empty()) c.targets.push_back(action + ";" + object + ";");
  for (const std::string& other : conflicts) c.conflicts_with.push_back(other + ";" + primary);
  return c;
}

// The diff keeps the name an unnamed foreign key or index had when the new snapshot holds exactly
// one unnamed entity equal to it in everything but the name.
void keep_generated_names(const std::map<Key, MysqlRow>& from, std::map<Key, MysqlRow>& to) {
  for (const auto& [key, left] : from) {
    if (is_true(left, "nameExplicit")) continue;
    std::vector<Key> matches;
    for (const auto& [other_key, right] : to) {
      if (json_of(right, "nameExplicit") != "false") continue;
      bool same = true;
      for (const auto& [field, value] : left.json) {
        if (field != "name" && field != "nameExplicit" && json_of(right, field) != value) same = false;
      }
      if (same) matches.push_back(other_key);
    }
    if (matches.size() != 1 || matches[0].second == key.second) continue;
    MysqlRow renamed = to.at(matches[0]);
    renamed.json["name"] = json_of(left, "name");
    renamed.text["name"] = key.second;
    to.erase(matches[0]);
    to.emplace(Key{key.first, key.second}, std::move(renamed));
  }
}

bool in_pk(const std::map<Key, MysqlRow>& pks, const std::string& table, const std::string& column) {
  for (const auto& [key, pk] : pks) {
    if (key.first != table) continue;
    const auto columns = texts_of(json_of(pk, "columns"));
    if (std::find(columns.begin(), columns.end(), column) != columns.end()) return true;
  }
  return false;
}

// The changes of a column the diff writes a statement for: none, "alter_column" or "recreate_column".
std::string column_change(const MysqlRow& was, const MysqlRow& now, const std::string& table, const std::string& name,
                          const MysqlDdl& from, const MysqlDdl& to) {
  std::set<std::string> changed = changed_fields(was, now);
  const std::string type = field_text(now, "type");
  const bool defaults_set = was.text.count("default") && now.text.count("default");
  if (changed.count("type") && commutative(field_text(was, "type"), type)) changed.erase("type");
  if (changed.count("default") && defaults_set && commutative(field_text(was, "default"), field_text(now, "default"))) changed.erase("default");
  if (changed.count("autoIncrement") && is_true(now, "autoIncrement") && type == "serial") changed.erase("autoIncrement");
  if (changed.count("notNull") && is_true(was, "notNull") && (type == "serial" || is_true(now, "autoIncrement"))) changed.erase("notNull");
  if (changed.count("default") && defaults_set) {
    const std::string a = field_text(was, "default"), b = field_text(now, "default");
    if (a == "(" + b + ")" || b == "(" + a + ")" || a == "(" + lower(b) + ")" || b == "(" + lower(a) + ")") changed.erase("default");
  }
  if (changed.count("notNull")) {
    const bool is_pk = in_pk(to.pks, table, name), was_pk = in_pk(from.pks, table, name);
    if ((is_pk || was_pk) && !(was_pk && !is_pk)) changed.erase("notNull");
  }
  if (changed.empty()) return {};
  if (changed.count("generated")) {
    const std::string before = json_of(was, "generated"), after = json_of(now, "generated");
    const bool set_before = !before.empty() && before != "null", set_after = !after.empty() && after != "null";
    auto virtual_kind = [](const MysqlRow& r) { return r.json.count("generated") && r.json.at("generated").find("\"virtual\"") != std::string::npos; };
    if ((set_before && set_after) || virtual_kind(was) || virtual_kind(now)) return "recreate_column";
  }
  return "alter_column";
}

}  // namespace

MysqlDdl mysql_ddl_of(dom::element root) {
  MysqlDdl ddl;
  dom::array entities;
  if (root["ddl"].get_array().get(entities)) return ddl;
  for (dom::element e : entities) {
    const std::string type = text_at(e, "entityType");
    const Key key{text_at(e, "table"), text_at(e, "name")};
    if (type == "tables") ddl.tables.insert(key.second);
    if (type == "views") ddl.views.emplace(key.second, row_of(e));
    std::map<Key, MysqlRow>* rows = type == "columns"   ? &ddl.columns
                                    : type == "indexes" ? &ddl.indexes
                                    : type == "fks"     ? &ddl.fks
                                    : type == "checks"  ? &ddl.checks
                                    : type == "pks"     ? &ddl.pks
                                                        : nullptr;
    if (rows) rows->emplace(key, row_of(e));
  }
  return ddl;
}

std::vector<Change> mysql_diff(const MysqlDdl& from, const MysqlDdl& given_to) {
  MysqlDdl to = given_to;
  keep_generated_names(from.fks, to.fks);
  keep_generated_names(from.indexes, to.indexes);
  auto created = [&](const std::string& table) { return to.tables.count(table) && !from.tables.count(table); };
  auto deleted = [&](const std::string& table) { return from.tables.count(table) && !to.tables.count(table); };
  std::size_t created_count = 0;
  for (const std::string& table : to.tables) created_count += created(table) ? 1u : 0u;

  std::vector<Change> out;
  for (const std::string& table : to.tables) {
    if (created(table)) out.push_back(statement("create_table", table));
  }
  for (const auto& [key, fk] : from.fks) {
    if (!to.fks.count(key) && !(deleted(key.first) && !deleted(field_text(fk, "tableTo")))) out.push_back(statement("drop_constraint", key.first));
  }
  for (const std::string& table : from.tables) {
    if (deleted(table)) out.push_back(statement("drop_table", table));
  }
  for (const auto& [name, view] : from.views) {
    if (!to.views.count(name)) out.push_back(statement("drop_view", name));
  }
  for (const auto& [name, view] : to.views) {
    auto was = from.views.find(name);
    if (was == from.views.end()) continue;
    std::set<std::string> changed = changed_fields(was->second, view);
    if (changed.count("algorithm") && field_text(view, "algorithm") == "undefined") changed.erase("algorithm");
    if (!changed.empty()) out.push_back(statement(changed.count("definition") ? "create_view" : "alter_view", name));
  }
  for (const auto& [key, check] : from.checks) {
    if (!to.checks.count(key) && !deleted(key.first)) out.push_back(statement("drop_constraint", key.first));
  }
  for (const auto& [key, index] : from.indexes) {
    if (!to.indexes.count(key) && !deleted(key.first)) out.push_back(statement("drop_index", key.first, key.second));
  }
  for (const auto& [key, pk] : from.pks) {
    const auto columns = texts_of(json_of(pk, "columns"));
    auto column = columns.size() == 1 ? to.columns.find({key.first, columns[0]}) : to.columns.end();
    const bool auto_increment = column != to.columns.end() && is_true(column->second, "autoIncrement");
    if (!to.pks.count(key) && !deleted(key.first) && !auto_increment) out.push_back(statement("drop_pk", key.first));
  }
  for (const auto& [key, now] : to.columns) {
    auto was = from.columns.find(key);
    if (was == from.columns.end()) continue;
    const std::string action = column_change(was->second, now, key.first, key.second, from, to);
    if (!action.empty()) out.push_back(statement(action, key.first, key.second));
  }
  for (const auto& [key, column] : to.columns) {
    if (!created(key.first) && !from.columns.count(key)) out.push_back(statement("add_column", key.first, key.second));
  }
  for (const auto& [key, pk] : to.pks) {
    if (!from.pks.count(key) && !created(key.first)) out.push_back(statement("create_pk", key.first));
  }
  for (const auto& [key, index] : to.indexes) {
    if (!from.indexes.count(key) && (!is_true(index, "isUnique") || !created(key.first))) {
      out.push_back(statement("create_index", key.first, key.second));
    }
  }
  for (const auto& [key, fk] : to.fks) {
    if (!from.fks.count(key) && (created_count >= 2 || !created(key.first))) out.push_back(statement("create_fk", key.first));
  }
  for (const auto& [key, check] : to.checks) {
    if (!from.checks.count(key) && !created(key.first)) out.push_back(statement("create_check", key.first));
  }
  for (const auto& [key, column] : from.columns) {
    if (!to.columns.count(key) && !deleted(key.first)) out.push_back(statement("drop_column", key.first, key.second));
  }
  for (const auto& [name, view] : to.views) {
    if (!from.views.count(name)) out.push_back(statement("create_view", name));
  }
  // A primary key whose columns changed is dropped and created again, with the foreign keys that
  // point at its old columns; a foreign key whose actions changed likewise.
  for (const auto& [key, now] : to.pks) {
    auto was = from.pks.find(key);
    if (was == from.pks.end() || json_of(was->second, "columns") == json_of(now, "columns")) continue;
    const auto old_columns = texts_of(json_of(was->second, "columns"));
    for (const auto& [fk_key, fk] : to.fks) {
      const auto to_columns = texts_of(json_of(fk, "columnsTo"));
      const bool points_at = field_text(fk, "tableTo") == key.first && to_columns.size() == old_columns.size() &&
                             std::all_of(to_columns.begin(), to_columns.end(), [&](const std::string& c) {
                               return std::find(old_columns.begin(), old_columns.end(), c) != old_columns.end();
                             });
      if (points_at) out.push_back(statement("drop_constraint", fk_key.first)), out.push_back(statement("create_fk", fk_key.first));
    }
    out.push_back(statement("drop_pk", key.first));
    out.push_back(statement("create_pk", key.first));
  }
  for (const auto& [key, now] : to.fks) {
    auto was = from.fks.find(key);
    if (was == from.fks.end()) continue;
    if (json_of(was->second, "onDelete") != json_of(now, "onDelete") || json_of(was->second, "onUpdate") != json_of(now, "onUpdate")) {
      out.push_back(statement("drop_constraint", key.first));
      out.push_back(statement("create_fk", key.first));
    }
  }
  return out;
}

}  // namespace miglint::branches
