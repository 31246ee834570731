// SQLite: what each DROP TABLE of a migration does to the tables that reference the dropped one.
// With foreign keys enforced, DROP TABLE first deletes every row of the table, and the foreign keys
// of the tables referencing it act as for any DELETE: ON DELETE CASCADE deletes their rows (and so
// on through their own children), SET NULL / SET DEFAULT change them, NO ACTION / RESTRICT make the
// DROP fail once a referencing row exists. `PRAGMA foreign_keys=OFF` does nothing inside a
// transaction, which is where drizzle's migrators run every migration.
//
// The schema before the migration (a snapshot's model, or the replay's) is created in an in-memory
// SQLite database and the migration's statements run there, so that each DROP finds the
// references as they stand at that moment: tables made, rebuilt or renamed earlier in the same
// migration included (renaming a table rewrites the REFERENCES of its children).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "load/model.h"
#include "schema/model.h"

namespace miglint::schema {

// A table whose rows a DROP TABLE reaches through a foreign key.
struct ReferencingTable {
  std::string table;
  std::vector<std::string> columns;  // its foreign key's columns
  std::string on_delete;             // "cascade", "set null", "set default", "no action", "restrict"
  // The table whose deleted rows reach it: the dropped table itself, or a table whose rows a
  // cascade deletes.
  std::string through;
  // It may hold rows: it was there before the migration, or rows were put in it since. A table the
  // migration made and filled with nothing holds none.
  bool may_hold_rows = true;
  // A later statement of the migration drops it, and none in between reads it: whatever the
  // delete did to its rows, the migration was throwing them away.
  bool dropped_unread = false;
  // A later statement of the migration inserts rows into it from a SELECT: a hand-written rebuild
  // that copied its rows aside before the DROP puts them back.
  bool restored = false;
};

struct TableDrop {
  std::size_t statement_begin = 0;  // byte offset of the DROP TABLE in the file
  std::size_t statement_end = 0;
  std::string table;
  // Another table renamed to this name later in the migration (drizzle-kit's `__new_t`, or a
  // hand-written copy): the drop is part of a rebuild. Empty for a plain drop.
  std::string replaced_by;
  // The name it had when the migration began, when an earlier statement renamed it (a hand-written
  // rebuild that renames `t` to `t_old` first: its children now reference `t_old`). Else empty.
  std::string was_named;
  // Whether foreign keys are enforced when it runs: as the connection had them, unless the file
  // turned them off or on outside a transaction (after a COMMIT of its own).
  bool foreign_keys_enforced = true;
  bool inside_transaction = true;
  std::vector<ReferencingTable> referencing;  // in the order the delete reaches them
};

// A PRAGMA of the file, and whether it ran inside a transaction.
struct PragmaUse {
  std::size_t statement_begin = 0;
  std::size_t statement_end = 0;
  std::string name;   // lower-cased: "foreign_keys"
  std::string value;  // lower-cased, without quotes; empty for a query
  bool inside_transaction = true;
};

struct SqliteDropReport {
  std::vector<TableDrop> drops;
  std::vector<PragmaUse> pragmas;
  // A statement SQLite refused here (the migrator would stop there too, unless the application's
  // connection holds what it lacks: an attached database, a module): the drops after it are not
  // judged. Empty when every statement ran.
  std::string stopped_at;
  std::size_t stopped_begin = 0;  // that statement, in the file
  std::size_t stopped_end = 0;
  // The DROP TABLEs after it (table, begin and end only): what could not be judged.
  std::vector<TableDrop> unjudged;
};

// `before`: the schema just before the migration. `enforced`: whether the connection that runs
// migrate() has foreign keys on. `in_transaction`: whether the migrator runs the file inside a
// transaction (drizzle's migrators do; migrator "none" does not).
SqliteDropReport sqlite_table_drops(const Schema& before, const SqlFile& sql, bool enforced, bool in_transaction);

// The file's PRAGMA statements, in order, each marked inside or outside a transaction: the
// migrator's (`in_transaction`), ended by a COMMIT of the file and opened again by its BEGIN.
std::vector<PragmaUse> sqlite_pragmas(const SqlFile& sql, bool in_transaction);

// Quick test before the above: does the file drop a table at all?
bool mentions_drop_table(const SqlFile& sql);

}  // namespace miglint::schema
