// What SQLite's pragmas do not say about a table or an index, read from the CREATE statement
// sqlite_schema keeps verbatim: constraint names, check and generation expressions, an index's
// expression keys and WHERE. Private to catalog_sqlite.cpp and replay_sqlite.cpp.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::schema::sqlite_text {

struct NamedColumns {
  std::string name;  // empty when the statement gives none
  std::vector<std::string> columns;
};

struct NamedCheck {
  std::string name;        // empty when the statement gives none
  std::string expression;  // as written; identifiers quoted with "" whatever quotes the text used
};

struct CreateTable {
  std::vector<NamedCheck> checks;             // column and table constraints, in text order
  std::vector<NamedColumns> uniques;          // UNIQUE constraints
  std::vector<NamedColumns> foreign_keys;     // FOREIGN KEY / REFERENCES, by their columns
  std::map<std::string, std::string> generated;  // column -> generation expression
};

struct CreateIndex {
  std::vector<std::string> keys;  // each key as written, without COLLATE / ASC / DESC
  std::optional<std::string> where;
};

// Nothing is thrown: a statement that does not parse gives what was found before the trouble.
CreateTable parse_create_table(std::string_view sql);
CreateIndex parse_create_index(std::string_view sql);
// The SELECT of CREATE VIEW ... AS <select>, when found.
std::optional<std::string> view_query(std::string_view sql);

// What a statement names: CREATE / DROP / ALTER, the kind of object and its name.
struct StatementTarget {
  std::string verb;  // upper-cased first word: "CREATE", "DROP", "ALTER", "INSERT"...
  std::string kind;  // "TABLE", "INDEX", "VIEW", "TRIGGER" after CREATE / DROP / ALTER, else ""
  std::string name;  // unquoted, without its schema
  bool if_not_exists = false;
  std::string altered_column;  // ALTER TABLE t ALTER COLUMN c ... (libsql's own statement): c
};
StatementTarget statement_target(std::string_view sql);

// Every word and quoted identifier of the text, lower-cased (SQLite compares names so): what a
// statement may name.
std::set<std::string> identifiers(std::string_view sql);

// An identifier as SQLite prints it in a message or the text holds it: quotes ("", ``, []) removed.
std::string unquote(std::string_view name);
// "name" with embedded quotes doubled.
std::string quote(std::string_view name);

}  // namespace miglint::schema::sqlite_text
