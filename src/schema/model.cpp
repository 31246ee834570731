#include "schema/model.h"

#include <algorithm>

namespace miglint::schema {

const Column* Table::column(const std::string& column_name) const {
  auto found = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.name == column_name; });
  return found == columns.end() ? nullptr : &*found;
}

Column* Table::column(const std::string& column_name) {
  return const_cast<Column*>(std::as_const(*this).column(column_name));
}

const Table* Schema::table(const QualifiedName& n) const {
  auto found = tables.find(n);
  return found == tables.end() ? nullptr : &found->second;
}

Table* Schema::table(const QualifiedName& n) {
  return const_cast<Table*>(std::as_const(*this).table(n));
}

}  // namespace miglint::schema
