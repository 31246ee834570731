// What drizzle-kit 1.0.0-rc.5's check compares between two branches (folder-branches-conflict):
// PostgreSQL's footprints, which each snapshot records, and SQLite's and MySQL's statements, which
// it derives from the diff of two snapshots. Facts read from its dist code; none of its code.
#pragma once

#include <simdjson.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "load/model.h"

namespace miglint::branches {

// One change of a branch, as drizzle-kit's check compares them.
struct Change {
  std::string action;  // drizzle-kit's statement type, e.g. alter_column
  std::string object;  // what it changes, for the message
  const Snapshot* source = nullptr;  // PostgreSQL: the migration that made it
  // PostgreSQL footprint.
  std::vector<std::string> writes, reads, shared_writes;
  std::string sql_hash;  // empty unless the change is idempotent
  // SQLite and MySQL: "action;table;part" for the statement and for its table, and those it
  // conflicts with.
  std::vector<std::string> targets, conflicts_with;
};

// PostgreSQL: the footprints a snapshot records (none when it has none).
std::vector<Change> footprints_of(const Snapshot& s, simdjson::dom::element root);
// A node one of `from` writes that one of `to` writes or reads, unless both are the same
// idempotent change: (from's change, to's, the node as words, e.g. "column public.users.name").
std::optional<std::tuple<const Change*, const Change*, std::string>> footprint_clash(const std::vector<Change>& from,
                                                                                     const std::vector<Change>& to);

// SQLite: the part of a snapshot's ddl the diff compares.
struct SqliteColumn {
  std::string type, default_value, autoincrement, not_null, generated;  // minified JSON
  bool stored = false;  // a stored generated column, which ADD COLUMN cannot add
};
struct SqliteDdl {
  std::set<std::string> tables;
  std::map<std::pair<std::string, std::string>, SqliteColumn> columns;  // (table, column)
  std::set<std::pair<std::string, std::string>> indexes;  // (table, index)
  // By table: its primary key, foreign keys, unique and check constraints and the unique indexes
  // SQLite made (origin "auto"), as minified JSON, each with a foreign key's first column.
  std::map<std::string, std::map<std::string, std::string>> constraints;
  std::map<std::string, std::string> views;  // by name, without those marked isExisting
};
SqliteDdl sqlite_ddl_of(simdjson::dom::element root);
// drizzle-kit 1.0's SQLite diff from one snapshot to another, reduced to the statements' types
// and objects.
std::vector<Change> sqlite_diff(const SqliteDdl& from, const SqliteDdl& to);
// MySQL: a ddl entity's fields (but entityType) as sorted minified JSON, and those that are strings
// as text.
struct MysqlRow {
  std::map<std::string, std::string> json, text;
};
struct MysqlDdl {
  std::set<std::string> tables;
  std::map<std::pair<std::string, std::string>, MysqlRow> columns, indexes, fks, checks, pks;  // (table, name)
  std::map<std::string, MysqlRow> views;
};
MysqlDdl mysql_ddl_of(simdjson::dom::element root);
// drizzle-kit 1.0's MySQL diff from one snapshot to another (its "default" mode, without renames),
// reduced to the statements' types and objects.
std::vector<Change> mysql_diff(const MysqlDdl& from, const MysqlDdl& to);

// A statement of `from` on an object where one of `to` lists its type as conflicting.
std::optional<std::pair<const Change*, const Change*>> listed_clash(const std::vector<Change>& from, const std::vector<Change>& to);

// JSON helpers both files use: a string's text (empty if it is none), a field's text, and an
// element as minified JSON with its objects' keys sorted.
std::string text_of(simdjson::dom::element e);
std::string text_at(simdjson::dom::element parent, const char* key);
std::string canonical(simdjson::dom::element e);

}  // namespace miglint::branches
