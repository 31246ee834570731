// One schema model, whatever it was built from: a snapshot (from_snapshot.h), a migration's SQL
// replayed on an earlier model (replay.h), or a live catalog (catalog.h). compare.h says how two
// differ. Every builder writes the canonical forms of normalize.h, so that equal schemas compare
// equal whatever their source.
//
// What a builder cannot tell for sure it marks unknown instead of guessing; compare() never
// reports a difference that involves an unknown part.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace miglint::schema {

// schema + name. PostgreSQL names as its parser gives them (unquoted ones lower-cased); SQLite and
// MySQL objects have an empty schema.
struct QualifiedName {
  std::string schema;
  std::string name;
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
  // By schema, then name. Not a defaulted <=>: libc++ before 16 has none for std::string.
  friend bool operator<(const QualifiedName& a, const QualifiedName& b) {
    return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
  }
};

struct Identity {
  std::string generation;  // "always" or "by default"
  friend bool operator==(const Identity&, const Identity&) = default;
};

struct Column {
  std::string name;
  std::string type;  // canonical_type(): PostgreSQL's format_type spelling, e.g. "character varying(255)"
  bool not_null = false;
  std::optional<std::string> default_value;  // canonical_default(); none: no default
  std::optional<Identity> identity;
  std::optional<std::string> generated;      // the generation expression (stored), canonical_expression()
  bool unknown = false;  // touched by a statement the builder did not understand: compare only its presence
  friend bool operator==(const Column&, const Column&) = default;
};

struct PrimaryKey {
  // May be empty when the source does not say (compare ignores names it lacks): a snapshot's
  // column flag, and always for SQLite and MySQL, which keep no primary key name.
  std::string name;
  std::vector<std::string> columns;
  friend bool operator==(const PrimaryKey&, const PrimaryKey&) = default;
};

struct ForeignKey {
  // Empty when the source does not know it (SQLite keeps no name for a foreign key drizzle-kit
  // writes unnamed): the table's map then keys it by the name drizzle-kit gives it.
  std::string name;
  std::vector<std::string> columns;
  QualifiedName references;
  std::vector<std::string> referenced_columns;
  std::string on_delete = "no action";  // "no action", "restrict", "cascade", "set null", "set default"
  std::string on_update = "no action";
  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

// Column names joined by '_', as drizzle-kit builds constraint names from them.
std::string underscore_joined(const std::vector<std::string>& names);

// The name drizzle-kit gives a SQLite foreign key of `table` that its SQL leaves unnamed (all of
// 0.x's): table_columns_referenced_columns_fk, column names joined by '_'.
std::string sqlite_default_foreign_key_name(const std::string& table, const ForeignKey& fk);

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool nulls_not_distinct = false;
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct CheckConstraint {
  std::string name;
  std::string expression;  // canonical_expression()
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

struct Index {
  std::string name;
  // Column names, or canonical_expression(key, table) of an expression key; each followed, in
  // pg_get_indexdef's order, by its operator class when not the default one, " desc", and " nulls first" /
  // " nulls last" when not the default for its direction: "expires_at desc nulls last".
  std::vector<std::string> keys;
  bool unique = false;
  std::string method = "btree";
  std::optional<std::string> where;  // canonical_expression() of a partial index's predicate
  // UNIQUE ... NULLS NOT DISTINCT: kept for a unique constraint later made from the index (USING INDEX).
  bool nulls_not_distinct = false;
  bool unknown = false;
  friend bool operator==(const Index&, const Index&) = default;
};

struct Policy {
  std::string name;
  std::string as = "permissive";  // or "restrictive"
  std::string command = "all";    // all, select, insert, update, delete
  std::vector<std::string> roles;  // sorted; "public" when none given
  std::optional<std::string> using_expression;
  std::optional<std::string> with_check;
  friend bool operator==(const Policy&, const Policy&) = default;
};

struct Table {
  QualifiedName name;
  std::vector<Column> columns;  // in table order
  std::optional<PrimaryKey> primary_key;
  std::map<std::string, ForeignKey> foreign_keys;  // by constraint name
  std::map<std::string, UniqueConstraint> unique_constraints;
  std::map<std::string, CheckConstraint> checks;
  std::map<std::string, Index> indexes;  // by index name (PostgreSQL: unique within the schema)
  std::map<std::string, Policy> policies;
  bool rls_enabled = false;
  // Touched by a statement the builder did not understand (or rebuilt from SQL it could not read):
  // only the table's existence is known.
  bool unknown = false;
  bool may_be_absent = false;  // made or dropped by a statement that may not have run (maybe_absent())

  const Column* column(const std::string& column_name) const;
  Column* column(const std::string& column_name);
  // Equal tables compare with no difference (compare.h): the schema history compares only the others.
  friend bool operator==(const Table&, const Table&) = default;
};

struct Enum {
  QualifiedName name;
  std::vector<std::string> values;  // in order
  bool unknown = false;
  bool may_be_absent = false;
  friend bool operator==(const Enum&, const Enum&) = default;
};

struct Sequence {
  QualifiedName name;
  // Canonical text of each option drizzle-kit records (increment, min, max, start, cache, cycle),
  // absent where the source does not say.
  std::map<std::string, std::string> options;
  bool unknown = false;
  bool may_be_absent = false;
  friend bool operator==(const Sequence&, const Sequence&) = default;
};

struct View {
  QualifiedName name;
  bool materialized = false;
  std::optional<std::string> definition;  // canonical_expression() of the query, when known
  bool unknown = false;
  bool may_be_absent = false;
  friend bool operator==(const View&, const View&) = default;
};

struct Schema {
  std::set<std::string> schemas;  // PostgreSQL schemas other than public that the model holds
  std::map<QualifiedName, Table> tables;
  std::map<QualifiedName, Enum> enums;
  std::map<QualifiedName, Sequence> sequences;
  std::map<QualifiedName, View> views;
  // Whole schemas (or, with an empty schema, everything) a statement touched in a way the builder
  // could not follow, e.g. DROP SCHEMA ... CASCADE or a DO block it cannot read.
  std::set<std::string> unknown_schemas;
  bool everything_unknown = false;
  // Drizzle Kit 1.0 writes a SQLite foreign key's name into the SQL (CONSTRAINT name); 0.x never
  // does, so rebuilding a 0.x model in SQLite leaves its foreign keys unnamed.
  bool foreign_key_names_in_sql = false;

  const Table* table(const QualifiedName& n) const;
  Table* table(const QualifiedName& n);
};

}  // namespace miglint::schema
