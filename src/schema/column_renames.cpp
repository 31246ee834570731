#include "schema/column_renames.h"

#include <algorithm>
#include <utility>

namespace miglint::schema {

namespace {

bool same_but_name(const Column& a, const Column& b) {
  return !a.unknown && !b.unknown && a.type == b.type && a.not_null == b.not_null &&
         a.default_value == b.default_value && a.identity == b.identity && a.generated == b.generated;
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  std::replace(names.begin(), names.end(), from, to);
}

// An index key is the column's name, maybe followed by its operator class and order ("at desc").
void rename_key(std::string& key, const std::string& from, const std::string& to) {
  if (key == from || key.starts_with(from + " ")) key = to + key.substr(from.size());
}

// A column of a table that the other model's table lacks, and its position: how many columns both
// hold come before it, and how many lone ones since the last of those. A rename in place keeps
// both; a column dropped and another added at the end do not.
struct Lone {
  const Column* column;
  std::pair<std::size_t, std::size_t> position;
};

std::vector<Lone> lone_columns(const Table& table, const Table& other) {
  std::vector<Lone> out;
  std::size_t shared = 0, since = 0;
  for (const Column& c : table.columns) {
    if (other.column(c.name)) {
      ++shared;
      since = 0;
    } else {
      out.push_back({&c, {shared, since++}});
    }
  }
  return out;
}

}  // namespace

std::vector<ColumnRename> sure_column_renames(const Schema& expected, const Schema& actual) {
  std::vector<ColumnRename> out;
  for (const auto& [name, e] : expected.tables) {
    const Table* a = actual.table(name);
    if (!a || e.unknown || a->unknown) continue;
    const std::vector<Lone> gone = lone_columns(e, *a), added = lone_columns(*a, e);
    auto alike = [](const Lone& x, const Lone& y) { return x.position == y.position && same_but_name(*x.column, *y.column); };
    // Only a pair that matches nothing else: two columns either could have been renamed to say nothing.
    for (const Lone& from : gone) {
      const auto count_from = std::count_if(added.begin(), added.end(), [&](const Lone& to) { return alike(from, to); });
      if (count_from != 1) continue;
      const Lone& to = *std::find_if(added.begin(), added.end(), [&](const Lone& x) { return alike(from, x); });
      if (std::count_if(gone.begin(), gone.end(), [&](const Lone& x) { return alike(x, to); }) != 1) continue;
      out.push_back({name, from.column->name, to.column->name});
    }
  }
  return out;
}

Schema with_column_renamed(Schema model, const ColumnRename& rename) {
  Table* table = model.table(rename.table);
  if (!table) return model;
  const std::string& from = rename.from;
  const std::string& to = rename.to;
  if (Column* column = table->column(from)) column->name = to;
  if (table->primary_key) rename_in(table->primary_key->columns, from, to);
  for (auto& [key, fk] : table->foreign_keys) rename_in(fk.columns, from, to);
  for (auto& [key, unique] : table->unique_constraints) rename_in(unique.columns, from, to);
  for (auto& [key, index] : table->indexes) {
    for (std::string& k : index.keys) rename_key(k, from, to);
  }
  for (auto& [name, other] : model.tables) {
    for (auto& [key, fk] : other.foreign_keys) {
      if (fk.references == rename.table) rename_in(fk.referenced_columns, from, to);
    }
  }
  return model;
}

}  // namespace miglint::schema
