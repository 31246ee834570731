#include "schema/model.h"

#include <algorithm>

#include <fmt/core.h>

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

std::string underscore_joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "_") + n;
  return out;
}

std::string sqlite_default_foreign_key_name(const std::string& table, const ForeignKey& fk) {
  return fmt::format("{}_{}_{}_{}_fk", table, underscore_joined(fk.columns), fk.references.name,
                     underscore_joined(fk.referenced_columns));
}

}  // namespace miglint::schema
