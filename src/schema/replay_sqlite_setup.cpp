#include "schema/replay_sqlite_setup.h"

#include <fmt/core.h>

#include "schema/sqlite_create_text.h"

namespace miglint::schema::sqlite_replay {

namespace {

using sqlite_text::quote;

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote(c);
  return out;
}

// Defaults and expressions are written in parentheses: SQLite then takes any expression, and
// reads a literal back the same (canonical forms drop the parentheses).
std::string column_definition(const Column& c) {
  std::string out = quote(c.name);
  if (!c.type.empty()) out += " " + c.type;
  if (c.not_null) out += " NOT NULL";
  if (c.default_value) out += fmt::format(" DEFAULT ({})", *c.default_value);
  // The model does not say stored or virtual; virtual is the one ALTER TABLE ADD COLUMN can add.
  if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}) VIRTUAL", *c.generated);
  return out;
}

std::string create_table(const Table& t) {
  std::vector<std::string> parts;
  for (const auto& c : t.columns) parts.push_back(column_definition(c));
  if (t.primary_key && !t.primary_key->columns.empty()) {
    parts.push_back(fmt::format("PRIMARY KEY ({})", column_list(t.primary_key->columns)));
  }
  for (const auto& [name, u] : t.unique_constraints) {
    parts.push_back(fmt::format("CONSTRAINT {} UNIQUE ({})", quote(name), column_list(u.columns)));
  }
  for (const auto& [name, check] : t.checks) {
    parts.push_back(fmt::format("CONSTRAINT {} CHECK ({})", quote(name), check.expression));
  }
  // Unnamed, as drizzle-kit writes them: a snapshot's name for one is not in the database.
  for (const auto& [name, fk] : t.foreign_keys) {
    parts.push_back(fmt::format("FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}", column_list(fk.columns),
                                quote(fk.references.name), column_list(fk.referenced_columns), fk.on_delete,
                                fk.on_update));
  }
  if (parts.empty()) parts.push_back(quote("miglint_unknown"));  // only the table's existence is known
  std::string body;
  for (const auto& p : parts) body += (body.empty() ? "\n  " : ",\n  ") + p;
  return fmt::format("CREATE TABLE {} ({}\n)", quote(t.name.name), body);
}

// Columns only, when the whole definition is refused.
std::string bare_table(const Table& t) {
  std::string body;
  for (const auto& c : t.columns) body += (body.empty() ? "" : ", ") + quote(c.name);
  if (body.empty()) body = quote("miglint_unknown");
  return fmt::format("CREATE TABLE {} ({})", quote(t.name.name), body);
}

std::string create_index(const Table& t, const Index& i) {
  std::string keys;
  for (const auto& key : i.keys) keys += (keys.empty() ? "" : ", ") + (t.column(key) ? quote(key) : key);
  return fmt::format("CREATE {}INDEX {} ON {} ({}){}", i.unique ? "UNIQUE " : "", quote(i.name), quote(t.name.name),
                     keys, i.where ? " WHERE " + *i.where : "");
}

}  // namespace

std::vector<SetupStatement> setup_statements(const Schema& before) {
  std::vector<SetupStatement> out;
  for (const auto& [name, table] : before.tables) {
    out.push_back({SetupStatement::Kind::Table, name.name, name.name, create_table(table), bare_table(table)});
  }
  for (const auto& [name, table] : before.tables) {
    for (const auto& [index_name, index] : table.indexes) {
      out.push_back({SetupStatement::Kind::Index, name.name, index_name, create_index(table, index), ""});
    }
  }
  for (const auto& [name, view] : before.views) {
    std::string placeholder = fmt::format("CREATE VIEW {} AS SELECT NULL", quote(name.name));
    out.push_back({SetupStatement::Kind::View, name.name, name.name,
                   view.definition ? fmt::format("CREATE VIEW {} AS {}", quote(name.name), *view.definition)
                                   : placeholder,
                   placeholder});
  }
  return out;
}

}  // namespace miglint::schema::sqlite_replay
