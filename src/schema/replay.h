// A migration's SQL replayed on the schema before it, statement by statement: what the schema is
// after it. PostgreSQL from libpg_query's tree; SQLite by running the SQL in an in-memory SQLite
// database and reading its catalog back (catalog.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "load/model.h"
#include "schema/model.h"

namespace miglint::schema {

// What a statement did to the schema, for rules that ask "did this object exist before?".
// Objects are named by kind and display name: "table public.users", "column public.users.email",
// "index public.users_email_idx", "constraint users_pkey on public.users", "type public.mood",
// "value 'sad' of type public.mood", "sequence public.s", "view public.v", "schema auth",
// "policy p on public.t".
struct StatementEffect {
  std::size_t statement_begin = 0;  // byte offset in the file
  std::vector<std::string> creates;      // display names of objects it created
  // Of creates, those it made only if missing (IF NOT EXISTS, a DO block's exception handler) where
  // the schema could not tell whether they were: it may have made nothing.
  std::vector<std::string> maybe_created;
  std::vector<std::string> already_exist;  // objects it would create that the schema already held
  // Objects it alters, renames or drops that the schema lacks (without IF EXISTS).
  std::vector<std::string> missing;
  // migrate stops here: an object in already_exist without IF NOT EXISTS (or a DO block's handler
  // that swallows the error), or one in missing.
  bool fails = false;
  bool understood = true;
  // SQLite: why the database refused the statement (its own words); fails is set. The replay stops
  // there, as migrate() does: the rest of the file is not understood.
  std::string refused;
  // PostgreSQL's ALTER COLUMN ... TYPE, one per command in order: the column's type just before it
  // and the new one (format_type's spelling). `before` is empty when the schema did not know it (a
  // column or table something not understood touched, or one the schema does not hold).
  struct TypeChange {
    std::string column;  // "column public.users.email"
    std::string before;
    std::string after;
  };
  std::vector<TypeChange> type_changes;
};

struct ReplayResult {
  Schema after;
  std::vector<StatementEffect> effects;  // one per statement, in file order
};

// PostgreSQL: sql.sql() statements applied to `before`. Statements it does not understand mark
// what they touch unknown (never guessed). Chunks with syntax errors mark everything unknown.
// `before` is taken by value: move the previous result in when replaying a folder in order.
ReplayResult replay_postgres(Schema before, const SqlFile& sql);

}  // namespace miglint::schema

namespace miglint::schema {

// SQLite: `before` created in an in-memory SQLite database, the file's statements run there as
// the migrator runs them (foreign keys as the migrator leaves them), and the result read back as
// read_sqlite_catalog() reads a live one. A statement SQLite rejects ends the replay there: what
// it would have touched, and everything after, is unknown.
ReplayResult replay_sqlite(const Schema& before, const SqlFile& sql);

}  // namespace miglint::schema

namespace miglint::schema {

// The replay for the dialect: PostgreSQL's, or SQLite's for SQLite (and Turso, which is SQLite).
// `before` is taken by value, as replay_postgres takes it: move it in when it is not needed after.
ReplayResult replay(Schema before, const SqlFile& sql, Dialect dialect);

}  // namespace miglint::schema
