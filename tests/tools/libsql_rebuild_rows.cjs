// sqlite_rebuild_rows.cjs for drizzle-orm's libsql migrator, on @libsql/client with a local file:
//   node libsql_rebuild_rows.cjs DB FIRST_FOLDER SEED_SQL SECOND_FOLDER
// Prints the same JSON object, with "foreign_keys" as the connection reports it before migrating.
// Needs NODE_PATH to hold @libsql/client 0.18.0 and drizzle-orm 0.45.4 (tests/tools/libsql/package.json).
'use strict';
const fs = require('node:fs');
const { createClient } = require('@libsql/client');
const { drizzle } = require('drizzle-orm/libsql');
const { migrate } = require('drizzle-orm/libsql/migrator');

(async () => {
  const [file, first, seed, second] = process.argv.slice(2);
  const client = createClient({ url: `file:${file}` });
  const db = drizzle(client);
  const run = async (folder) => {
    try {
      await migrate(db, { migrationsFolder: folder });
      return 'applied';
    } catch (e) {
      return `failed: ${e.cause ? e.cause.message : e.message}`;
    }
  };
  const out = { foreign_keys: Number((await client.execute('PRAGMA foreign_keys')).rows[0][0]) };
  out.first = await run(first);
  await client.executeMultiple(fs.readFileSync(seed, 'utf8'));
  out.second = await run(second);
  out.rows = {};
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name");
  for (const row of tables.rows) {
    const name = row[0];
    out.rows[name] = (await client.execute(`SELECT * FROM "${name}" ORDER BY rowid`)).rows.map((r) => Array.from(r));
  }
  client.close();
  console.log(JSON.stringify(out));
})();
