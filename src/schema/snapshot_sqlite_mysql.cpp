// SQLite and MySQL snapshots (tables keyed by name, no schemas), and the parts every dialect
// writes alike.
#include <algorithm>

#include "schema/normalize.h"
#include "schema/snapshot_readers.h"

namespace miglint::schema {

namespace snapshot_parts {

using namespace snapshot_json;

DefaultValue column_default(const Fields& column) {
  DefaultValue out;
  auto value = column.get("default");
  if (!value || value->is_null()) return out;
  out.value = sql_text(*value);
  out.unknown = !out.value;
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return text;
}

ForeignKey foreign_key(const Fields& f, const std::string& referenced_schema) {
  ForeignKey fk;
  fk.name = f.string("name");
  fk.columns = f.strings("columnsFrom");
  fk.references = {referenced_schema, f.string("tableTo")};
  fk.referenced_columns = f.strings("columnsTo");
  fk.on_delete = lower(f.string("onDelete", "no action"));
  fk.on_update = lower(f.string("onUpdate", "no action"));
  return fk;
}

Column sqlite_mysql_column(const Fields& c, const std::string& table) {
  Column column;
  column.name = c.string("name");
  column.type = canonical_type(c.string("type"));
  column.not_null = c.boolean("notNull");
  DefaultValue d = column_default(c);
  column.unknown = d.unknown;
  if (d.value) column.default_value = canonical_default(*d.value);
  if (auto generated = c.object_at("generated")) {
    if (auto as = optional_string(*generated, "as")) column.generated = canonical_expression(*as, table);
  }
  return column;
}

}  // namespace snapshot_parts

namespace {

using namespace snapshot_json;
using namespace snapshot_parts;

enum class Flavor { SQLite, MySQL };

// Index keys written as expressions: internal.indexes[<index>].columns[<key>].isExpression.
bool key_is_expression(std::optional<object> internal, const std::string& index, const std::string& key) {
  if (!internal) return false;
  auto indexes = object_member(*internal, "indexes");
  auto entry = indexes ? object_member(*indexes, index) : std::nullopt;
  auto columns = entry ? object_member(*entry, "columns") : std::nullopt;
  auto column = columns ? object_member(*columns, key) : std::nullopt;
  return column && bool_member(*column, "isExpression");
}


Table read_table(object t, std::optional<object> internal, Flavor flavor) {
  Table table;
  table.name = {"", string_member(t, "name")};
  const std::string& name = table.name.name;
  std::vector<std::string> flagged_key;
  if (auto columns = object_member(t, "columns")) {
    for_each_object(*columns, [&](object column) {
      Fields c(column);
      table.columns.push_back(sqlite_mysql_column(c, name));
      if (c.boolean("primaryKey")) flagged_key.push_back(table.columns.back().name);
    });
  }
  // Neither SQLite nor MySQL keeps a primary key's name (MySQL calls every one PRIMARY).
  if (auto composite = object_member(t, "compositePrimaryKeys"); composite && first_object(*composite)) {
    object pk = *first_object(*composite);
    table.primary_key = PrimaryKey{"", strings_member(pk, "columns")};
  } else if (!flagged_key.empty()) {
    table.primary_key = PrimaryKey{"", flagged_key};
  }
  if (auto indexes = object_member(t, "indexes")) {
    for_each_object(*indexes, [&](object i) {
      Index index;
      index.name = string_member(i, "name");
      index.unique = bool_member(i, "isUnique");
      if (flavor == Flavor::MySQL) index.method = lower(string_member(i, "using", "btree"));
      if (auto where = optional_string(i, "where")) index.where = canonical_expression(*where, name);
      for (const auto& key : strings_member(i, "columns")) {
        index.keys.push_back(key_is_expression(internal, index.name, key) ? canonical_expression(key, name) : key);
      }
      std::string key = index.name;
      table.indexes[key] = std::move(index);
    });
  }
  if (auto fks = object_member(t, "foreignKeys")) {
    for_each_object(*fks, [&](object f) {
      ForeignKey fk = foreign_key(Fields(f), "");
      std::string key = fk.name;
      table.foreign_keys[key] = std::move(fk);
    });
  }
  if (auto uniques = object_member(t, "uniqueConstraints")) {
    for_each_object(*uniques, [&](object u) {
      UniqueConstraint unique{string_member(u, "name"), strings_member(u, "columns"), false};
      table.unique_constraints[unique.name] = unique;
    });
  }
  // MySQL's snapshot key is singular.
  if (auto checks = object_member(t, flavor == Flavor::MySQL ? "checkConstraint" : "checkConstraints")) {
    for_each_object(*checks, [&](object c) {
      CheckConstraint check{string_member(c, "name"), canonical_expression(string_member(c, "value"), name)};
      table.checks[check.name] = check;
    });
  }
  return table;
}

std::string read(object root, Schema* out, TableSink& sink, Flavor flavor) {
  auto tables = object_member(root, "tables");
  if (!tables) return "it has no \"tables\" object";
  // A table's index keys are read with the snapshot's "internal" object: part of its identity.
  auto internal = object_member(root, "internal");
  for_each_object(*tables, [&](object t) { sink.add(t, internal, [&] { return read_table(t, internal, flavor); }); });
  if (!out) return {};
  if (auto views = object_member(root, "views")) {
    for_each_object(*views, [&](object v) {
      if (bool_member(v, "isExisting")) return;
      View view;
      view.name = {"", string_member(v, "name")};
      if (auto definition = optional_string(v, "definition")) view.definition = canonical_expression(*definition);
      out->views[view.name] = std::move(view);
    });
  }
  return {};
}

}  // namespace

std::string read_sqlite_snapshot(object root, Schema* out, TableSink& tables) {
  return read(root, out, tables, Flavor::SQLite);
}
std::string read_mysql_snapshot(object root, Schema* out, TableSink& tables) {
  return read(root, out, tables, Flavor::MySQL);
}

}  // namespace miglint::schema
