// What drizzle-orm's real SQLite migrator does to a database's rows, for tests/sqlite_rebuild_test.cpp:
//   node sqlite_rebuild_rows.cjs DB FIRST_FOLDER SEED_SQL SECOND_FOLDER [--foreign-keys-off]
// Opens DB with better-sqlite3 (foreign keys on, as its build sets them), runs migrate() on
// FIRST_FOLDER, runs the statements of the file SEED_SQL (rows for the tables it made), then
// migrate() on SECOND_FOLDER, with foreign keys turned off on the connection around that call when
// --foreign-keys-off is given. Prints one JSON object: {"first": "applied" | "failed: <error>",
// "second": ..., "rows": {table: [row, ...]}} with every user table's rows in rowid order.
// Needs NODE_PATH to hold drizzle-orm 0.45.4 and better-sqlite3 (tests/tools/drizzle_sqlite.sh installs them).
'use strict';
const fs = require('node:fs');
const Database = require('better-sqlite3');
const { drizzle } = require('drizzle-orm/better-sqlite3');
const { migrate } = require('drizzle-orm/better-sqlite3/migrator');

const [file, first, seed, second, flag] = process.argv.slice(2);
const sqlite = new Database(file);
const run = (folder) => {
  try {
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    return 'applied';
  } catch (e) {
    return `failed: ${e.cause ? e.cause.message : e.message}`;
  }
};
const out = { first: run(first) };
sqlite.exec(fs.readFileSync(seed, 'utf8'));
if (flag === '--foreign-keys-off') sqlite.pragma('foreign_keys = OFF');
out.second = run(second);
if (flag === '--foreign-keys-off') sqlite.pragma('foreign_keys = ON');
out.foreign_keys = sqlite.pragma('foreign_keys', { simple: true });
out.rows = {};
const tables = sqlite
  .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name")
  .all();
for (const { name } of tables) out.rows[name] = sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
sqlite.close();
console.log(JSON.stringify(out));
