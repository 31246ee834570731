// Shared by the sqlite rules: how the folder's migrations are run (which migrators, whether they
// enforce foreign keys and wrap the migrations in a transaction), and what each DROP TABLE of a
// migration reaches through the foreign keys that stand just before it (schema/sqlite_drops.h).
#pragma once

#include <functional>
#include <string>

#include "engine/rule_api.h"
#include "schema/sqlite_drops.h"

namespace miglint::sqlite_rules {

struct MigratorFacts {
  std::string who;             // for messages: "drizzle-orm's SQLite migrators (...)"
  bool enforced = true;        // the connection has foreign keys on when migrate() starts
  bool in_transaction = true;  // each migration runs inside a transaction
  // D1 and Durable Objects: foreign keys cannot be turned off and the storage API refuses the
  // migration's own COMMIT and BEGIN (checked on workerd), so only fixes inside the SQL remain.
  bool cloudflare = false;
};
MigratorFacts migrator_facts(const Folder& folder);

// One migration's drops, and what its judgement rests on: "" when the previous snapshot gave the
// schema before it, else a sentence saying what was used instead and what could not be judged.
struct MigrationDrops {
  const Migration* migration = nullptr;
  const SqlFile* sql = nullptr;
  schema::SqliteDropReport report;
  std::string caveat;
};

// Calls visit for every migration whose SQL drops a table, in the migrator's order.
void for_each_migration_with_drops(const Context& ctx, const MigratorFacts& facts,
                                   const std::function<void(const MigrationDrops&)>& visit);

// Said once per migration whose replay stopped before some of its DROP TABLEs (a statement on a
// database the application attaches, a module it loads...): those drops are not judged.
void report_unjudged(const MigrationDrops& m, Reporter& out);

// "DROP TABLE `t`, in drizzle-kit's rebuild of `t` (through `__new_t`)", and the like.
std::string describe_drop(const schema::TableDrop& drop);
// Why foreign keys are on when the drop runs: what the file's PRAGMA did not do.
std::string why_enforced(const MigrationDrops& m, const schema::TableDrop& drop, const MigratorFacts& facts);
// `PRAGMA defer_foreign_keys=ON` stands when the drop runs inside the transaction, and the file
// turns it off again after the drop: SQLite then forgets the violations counted meanwhile, so a
// NO ACTION or RESTRICT child no longer fails the migration (ON DELETE actions still ran).
bool violations_forgotten(const MigrationDrops& m, const schema::TableDrop& drop);
// The helps of the two rebuild rules, for the folder's migrators.
std::string keep_rows_help(const MigratorFacts& facts, const std::string& harmed_tables);
std::string unblock_help(const MigratorFacts& facts);
// The statement, for findings: from its first word to its end, without the semicolon.
Location statement_location(const SqlFile& sql, std::size_t begin, std::size_t end);
Location drop_location(const SqlFile& sql, const schema::TableDrop& drop);

}  // namespace miglint::sqlite_rules
