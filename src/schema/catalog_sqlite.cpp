// A SQLite database's schema as a model: four queries, whatever the number of tables
// (sqlite_schema, and pragma_table_xinfo / pragma_foreign_key_list / pragma_index_list +
// pragma_index_xinfo as table-valued functions joined to it). What the pragmas do not keep
// (constraint names, check and generation expressions, expression keys, WHERE) comes from the
// CREATE text sqlite_schema holds (sqlite_create_text.cpp).
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <fmt/core.h>
#include <memory>
#include <set>

#include "schema/catalog.h"
#include "schema/catalog_sqlite_tables.h"
#include "schema/normalize.h"
#include "schema/replay_sqlite_messages.h"
#include "schema/sqlite_c.h"
#include "schema/sqlite_create_text.h"

namespace miglint::schema {

namespace {

namespace text = sqlite_text;
using namespace sqlite_c;
using sqlite_replay::lower;


// The text between the quotes of a SQL string literal.
std::string quote_literal(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

// SQLite reads a lone name after DEFAULT (text, "text", `text`, [text]) as the string it spells,
// never as a column: dflt_value keeps the name as written, the model holds the string ('text').
std::string default_as_written(const std::string& written) {
  if (written.empty()) return written;
  std::string content;
  char open = written.front();
  char close = open == '[' ? ']' : open;
  if (open == '"' || open == '`' || open == '[') {
    std::size_t i = 1;
    for (; i < written.size(); ++i) {
      if (written[i] != close) {
        content += written[i];
      } else if (close != ']' && i + 1 < written.size() && written[i + 1] == close) {
        content += close;  // a doubled quote inside the name
        ++i;
      } else {
        break;
      }
    }
    if (i + 1 != written.size()) return written;  // more than one quoted name: an expression
  } else {
    bool is_name = !std::isdigit(static_cast<unsigned char>(open)) && std::all_of(written.begin(), written.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
    });
    const std::string lowered = lower(written);
    // Keywords SQLite reads as values there, not as names.
    for (const char* keyword : {"true", "false", "null", "current_time", "current_date", "current_timestamp"}) {
      if (lowered == keyword) is_name = false;
    }
    if (!is_name) return written;
    content = written;
  }
  return "'" + quote_literal(content) + "'";
}

// SQLite's own tables, Cloudflare D1's (_cf_*), the migrations table, and virtual tables (FTS,
// R-tree: drizzle cannot describe them) with the shadow tables that hold their data. SQLite names
// the last two in pragma_table_list from 3.37; before, only a virtual table's CREATE text does.
std::string user_objects(const std::set<std::string>* only_tables) {
  std::string filter =
      "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND m.tbl_name <> ?1 "
      "AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'";
  if (sqlite3_libversion_number() >= 3037000) {
    filter += " AND NOT EXISTS (SELECT 1 FROM pragma_table_list tl WHERE tl.schema = 'main' AND tl.name = m.tbl_name "
              "AND tl.type IN ('virtual', 'shadow'))";
  }
  if (only_tables) {
    std::string names;
    for (const auto& name : *only_tables) names += (names.empty() ? "'" : ", '") + quote_literal(name) + "'";
    filter += fmt::format(" AND m.tbl_name IN ({})", names.empty() ? "NULL" : names);
  }
  return filter;
}

std::string column_text(sqlite3_stmt* s, int column) {
  const unsigned char* value = sqlite3_column_text(s, column);
  return value ? reinterpret_cast<const char*>(value) : "";
}

std::optional<std::string> optional_column_text(sqlite3_stmt* s, int column) {
  if (sqlite3_column_type(s, column) == SQLITE_NULL) return std::nullopt;
  return column_text(s, column);
}

// SQLite keeps a column's type as declared: lower-cased and white space collapsed (the way
// drizzle-kit writes them: integer, text, real, blob, numeric, text(256)), then canonical_type()
// as the snapshot's reader spells them.
std::string sqlite_type(std::string_view declared) {
  std::string out;
  for (char c : declared) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class SqliteCatalogReader {
 public:
  SqliteCatalogReader(sqlite3* db, const std::string& migrations, const std::set<std::string>* only_tables)
      : db_(db), migrations_(migrations), only_tables_(only_tables) {}

  std::variant<Schema, CatalogError> read() {
    if (!read_objects() || !read_columns() || !read_foreign_keys() || !read_indexes()) {
      return CatalogError{fmt::format("could not read the SQLite schema: {}", sqlite3_errmsg(db_))};
    }
    return std::move(schema_);
  }

 private:
  Statement prepare(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr);
    Statement s(raw, sqlite3_finalize);
    if (s) sqlite3_bind_text(s.get(), 1, migrations_.c_str(), -1, SQLITE_TRANSIENT);
    return s;
  }

  // Runs sql and calls row() for each result row; false when SQLite reports an error.
  template <class Row>
  bool each(const std::string& sql, Row row) {
    Statement s = prepare(sql);
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) row(s.get());
    return rc == SQLITE_DONE;
  }

  Table* table_named(const std::string& name) { return schema_.table(QualifiedName{"", name}); }

  bool read_objects() {
    return each(fmt::format("SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_schema m WHERE {} AND "
                            "m.type IN ('table', 'view', 'index') ORDER BY m.name",
                            user_objects(only_tables_)),
                [&](sqlite3_stmt* s) {
                  std::string type = column_text(s, 0), name = column_text(s, 1), sql = column_text(s, 3);
                  QualifiedName qualified{"", name};
                  if (type == "table") {
                    schema_.tables[qualified].name = qualified;
                    create_table_[name] = text::parse_create_table(sql);
                  } else if (type == "view") {
                    View& view = schema_.views[qualified];
                    view.name = qualified;
                    if (auto query = text::view_query(sql)) view.definition = canonical_expression(*query);
                  } else if (!sql.empty()) {  // an index of CREATE INDEX (constraints' indexes have no text)
                    create_index_[name] = text::parse_create_index(sql);
                  }
                });
  }

  bool read_columns() {
    // hidden: 1 a virtual table's hidden column, 2 a virtual generated column, 3 a stored one.
    return each(fmt::format("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                            "FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND {} "
                            "ORDER BY m.name, p.cid",
                            user_objects(only_tables_)),
                [&](sqlite3_stmt* s) {
                  Table* table = table_named(column_text(s, 0));
                  int hidden = sqlite3_column_int(s, 6);
                  if (!table || hidden == 1) return;
                  Column column;
                  column.name = column_text(s, 1);
                  column.type = canonical_type(sqlite_type(column_text(s, 2)));
                  column.not_null = sqlite3_column_int(s, 3) != 0;
                  if (auto d = optional_column_text(s, 4)) column.default_value = canonical_default(default_as_written(*d));
                  if (hidden == 2 || hidden == 3) {
                    const auto& generated = create_table_[table->name.name].generated;
                    auto found = generated.find(column.name);
                    if (found != generated.end()) column.generated = canonical_expression(found->second, table->name.name);
                    else column.unknown = true;  // generated, but the text did not say how
                  }
                  if (int position = sqlite3_column_int(s, 5); position > 0) {
                    if (!table->primary_key) table->primary_key = PrimaryKey{};
                    auto& key = table->primary_key->columns;
                    if (key.size() < static_cast<std::size_t>(position)) key.resize(static_cast<std::size_t>(position));
                    key[static_cast<std::size_t>(position - 1)] = column.name;
                  }
                  table->columns.push_back(std::move(column));
                });
  }

  bool read_foreign_keys() {
    std::map<std::pair<std::string, int>, ForeignKey> keys;  // (table, id)
    bool ok = each(fmt::format("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                               "FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
                               "AND {} ORDER BY m.name, f.id, f.seq",
                               user_objects(only_tables_)),
                   [&](sqlite3_stmt* s) {
                     ForeignKey& fk = keys[{column_text(s, 0), sqlite3_column_int(s, 1)}];
                     fk.references = QualifiedName{"", column_text(s, 2)};
                     fk.columns.push_back(column_text(s, 3));
                     fk.referenced_columns.push_back(column_text(s, 4));  // "" when it names the primary key
                     fk.on_update = lower(column_text(s, 5));
                     fk.on_delete = lower(column_text(s, 6));
                   });
    for (auto& [key, fk] : keys) {
      Table* table = table_named(key.first);
      if (!table) continue;
      // REFERENCES parent without columns means the parent's primary key.
      const Table* parent = schema_.table(fk.references);
      bool implicit = std::all_of(fk.referenced_columns.begin(), fk.referenced_columns.end(),
                                  [](const std::string& c) { return c.empty(); });
      if (implicit && parent && parent->primary_key) fk.referenced_columns = parent->primary_key->columns;
      fk.name = constraint_name(create_table_[key.first].foreign_keys, fk.columns);
      // Unnamed (drizzle-kit never names them in SQLite): keyed by the name drizzle-kit gives it.
      std::string key_name = fk.name.empty() ? sqlite_default_foreign_key_name(key.first, fk) : fk.name;
      table->foreign_keys[key_name] = fk;
    }
    return ok;
  }

  bool read_indexes() {
    struct Found {
      std::string table;
      std::string origin;
      bool unique = false;
      bool partial = false;
      std::vector<std::string> columns;  // "" for an expression key
    };
    std::map<std::string, Found> found;
    std::vector<std::string> order;
    bool ok = each(fmt::format("SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ii.name "
                               "FROM sqlite_schema m JOIN pragma_index_list(m.name) il "
                               "JOIN pragma_index_xinfo(il.name) ii WHERE m.type = 'table' AND {} AND ii.key = 1 "
                               "ORDER BY m.name, il.name, ii.seqno",
                               user_objects(only_tables_)),
                   [&](sqlite3_stmt* s) {
                     std::string name = column_text(s, 1);
                     Found& f = found[name];
                     f.table = column_text(s, 0);
                     f.unique = sqlite3_column_int(s, 2) != 0;
                     f.origin = column_text(s, 3);
                     f.partial = sqlite3_column_int(s, 4) != 0;
                     f.columns.push_back(column_text(s, 5));
                   });
    for (auto& [name, f] : found) {
      Table* table = table_named(f.table);
      if (!table || f.origin == "pk") continue;
      if (f.origin == "u") {
        std::string constraint = constraint_name(create_table_[f.table].uniques, f.columns);
        if (constraint.empty()) constraint = fmt::format("{}_{}_unique", f.table, underscore_joined(f.columns));
        table->unique_constraints[constraint] = UniqueConstraint{constraint, f.columns, false};
        continue;
      }
      Index index;
      index.name = name;
      index.unique = f.unique;
      const text::CreateIndex& created = create_index_[name];
      for (std::size_t i = 0; i < f.columns.size(); ++i) {
        if (!f.columns[i].empty()) index.keys.push_back(f.columns[i]);
        else if (i < created.keys.size()) index.keys.push_back(canonical_expression(created.keys[i], f.table));
        else index.unknown = true;
      }
      if (f.partial) {
        if (created.where) index.where = canonical_expression(*created.where, f.table);
        else index.unknown = true;
      }
      table->indexes[name] = std::move(index);
    }
    for (auto& [name, table] : schema_.tables) add_checks(table);
    return ok;
  }

  void add_checks(Table& table) {
    int unnamed = 0;
    for (const auto& check : create_table_[table.name.name].checks) {
      std::string name = check.name.empty() ? fmt::format("{}_check_{}", table.name.name, ++unnamed) : check.name;
      table.checks[name] = CheckConstraint{name, canonical_expression(check.expression, table.name.name)};
    }
  }

  // The name the CREATE text gave the constraint on these columns (each used once), or "".
  static std::string constraint_name(std::vector<text::NamedColumns>& named, const std::vector<std::string>& columns) {
    auto same = [&](const text::NamedColumns& n) {
      if (n.columns.size() != columns.size()) return false;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        if (lower(n.columns[i]) != lower(columns[i])) return false;
      }
      return true;
    };
    auto found = std::find_if(named.begin(), named.end(), same);
    if (found == named.end()) return "";
    std::string name = found->name;
    named.erase(found);
    return name;
  }

  sqlite3* db_;
  const std::string& migrations_;
  const std::set<std::string>* only_tables_;
  Schema schema_;
  std::map<std::string, text::CreateTable> create_table_;
  std::map<std::string, text::CreateIndex> create_index_;
};

}  // namespace

std::variant<Schema, CatalogError> read_sqlite_catalog(sqlite3* db, const std::string& migrations_table) {
  return SqliteCatalogReader(db, migrations_table, nullptr).read();
}

std::variant<Schema, CatalogError> read_sqlite_tables(sqlite3* db, const std::set<std::string>& tables) {
  return SqliteCatalogReader(db, "", &tables).read();
}

}  // namespace miglint::schema
