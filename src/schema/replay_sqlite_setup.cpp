#include "schema/replay_sqlite_setup.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <map>

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
// With only_keys, no default nor generation: the parts SQLite may refuse (an expression the model
// holds in a form it cannot read back) are left out.
std::string column_definition(const Column& c, bool only_keys) {
  std::string out = quote(c.name);
  if (!c.type.empty()) out += " " + c.type;
  if (c.not_null) out += " NOT NULL";
  if (only_keys) return out;
  if (c.default_value) out += fmt::format(" DEFAULT ({})", *c.default_value);
  // The model does not say stored or virtual; virtual is the one ALTER TABLE ADD COLUMN can add.
  if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}) VIRTUAL", *c.generated);
  return out;
}

// With only_keys (after SQLite refused the whole): columns, keys and foreign keys, no check, so
// that what references the table still finds its key (else every insert into a child fails with
// "foreign key mismatch", which the migrations never cause).
std::string create_table(const Table& t, bool only_keys, bool foreign_key_names) {
  std::vector<std::string> parts;
  for (const auto& c : t.columns) parts.push_back(column_definition(c, only_keys));
  if (t.primary_key && !t.primary_key->columns.empty()) {
    parts.push_back(fmt::format("PRIMARY KEY ({})", column_list(t.primary_key->columns)));
  }
  for (const auto& [name, u] : t.unique_constraints) {
    parts.push_back(fmt::format("CONSTRAINT {} UNIQUE ({})", quote(name), column_list(u.columns)));
  }
  for (const auto& [name, check] : t.checks) {
    if (only_keys) break;
    parts.push_back(fmt::format("CONSTRAINT {} CHECK ({})", quote(name), check.expression));
  }
  // As drizzle-kit writes them: named by 1.0, unnamed by 0.x (its snapshot's name is not in the
  // database). A 1.0 name that is the default one is written unnamed all the same: the catalog
  // reads it back under that name, and a table renamed later takes the default of its new name,
  // as in a database whose 0.x SQL `drizzle-kit up` kept.
  for (const auto& [name, fk] : t.foreign_keys) {
    const bool named = foreign_key_names && !fk.name.empty() && fk.name != sqlite_default_foreign_key_name(t.name.name, fk);
    std::string constraint = named ? fmt::format("CONSTRAINT {} ", quote(fk.name)) : "";
    parts.push_back(fmt::format("{}FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}", constraint, column_list(fk.columns),
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

std::set<std::string> reachable(const Schema& before, const std::set<std::string>& mentioned) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::map<std::string, std::string> names;  // lower-cased -> as the model spells it
  for (const auto& [name, table] : before.tables) {
    names[lower(name.name)] = name.name;
    for (const auto& [index_name, index] : table.indexes) {
      if (mentioned.contains(lower(index_name))) names[lower(index_name)] = name.name;  // DROP INDEX: its table
    }
  }
  for (const auto& [name, view] : before.views) names[lower(name.name)] = name.name;
  std::set<std::string> out;
  std::vector<std::string> pending;
  auto add = [&](const std::string& lowered) {
    auto found = names.find(lowered);
    if (found != names.end() && out.insert(found->second).second) pending.push_back(found->second);
  };
  std::map<std::string, std::set<std::string>> view_reads;  // view -> the words of its query
  for (const auto& [name, view] : before.views) {
    if (view.definition) view_reads[name.name] = sqlite_text::identifiers(*view.definition);
  }
  for (const auto& word : mentioned) add(word);
  // Until nothing is added: the tables a table's foreign keys or a view's query name, and the views
  // that read a table (renaming it rewrites them, and SQLite checks every view then).
  while (!pending.empty()) {
    while (!pending.empty()) {
      std::string name = pending.back();
      pending.pop_back();
      if (const Table* table = before.table(QualifiedName{"", name})) {
        for (const auto& [key, fk] : table->foreign_keys) add(lower(fk.references.name));
      }
      if (auto reads = view_reads.find(name); reads != view_reads.end()) {
        for (const auto& word : reads->second) add(word);
      }
    }
    for (const auto& [view, words] : view_reads) {
      if (out.contains(view)) continue;
      bool reads_one = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        auto found = names.find(w);
        return found != names.end() && out.contains(found->second);
      });
      if (reads_one) add(lower(view));
    }
  }
  return out;
}

std::vector<SetupStatement> setup_statements(const Schema& before, const std::set<std::string>& objects) {
  std::vector<SetupStatement> out;
  for (const auto& [name, table] : before.tables) {
    if (!objects.contains(name.name)) continue;
    out.push_back({SetupStatement::Kind::Table, name.name, name.name, create_table(table, false, before.foreign_key_names_in_sql),
                   {create_table(table, true, before.foreign_key_names_in_sql), bare_table(table)}});
  }
  for (const auto& [name, table] : before.tables) {
    if (!objects.contains(name.name)) continue;
    for (const auto& [index_name, index] : table.indexes) {
      out.push_back({SetupStatement::Kind::Index, name.name, index_name, create_index(table, index), {}});
    }
  }
  for (const auto& [name, view] : before.views) {
    if (!objects.contains(name.name)) continue;
    std::string placeholder = fmt::format("CREATE VIEW {} AS SELECT NULL", quote(name.name));
    out.push_back({SetupStatement::Kind::View, name.name, name.name,
                   view.definition ? fmt::format("CREATE VIEW {} AS {}", quote(name.name), *view.definition)
                                   : placeholder,
                   {placeholder}});
  }
  return out;
}

}  // namespace miglint::schema::sqlite_replay
