// sqlite_rebuild_rows.cjs for Cloudflare: drizzle-orm's real D1 and Durable Objects migrators, on
// the workerd runtime that Miniflare starts (one runtime for every case, each case on a database
// of its own):
//   node cloudflare_rebuild_rows.cjs CASES_JSON
// CASES_JSON holds [{"driver": "d1" | "durable-sqlite", "first": FOLDER, "seed": SQL, "second": FOLDER}]:
// migrate() on `first`, the seed's statements (one a line), migrate() on `second`. Prints a JSON
// array with, per case, {"foreign_keys": <as the database reports it>, "first": "applied" |
// "failed: <error>", "second": ..., "rows": {table: [row, ...]}} (every user table, rowid order).
// D1 is driven from Node (Miniflare's D1 binding, drizzle-orm/d1). A Durable Object's storage only
// exists inside it, so drizzle-orm/durable-sqlite runs in a Durable Object with SQLite storage,
// written below into the tools folder, and gets each folder's journal and SQL as its bundled
// migrations. Needs NODE_PATH to hold miniflare and drizzle-orm 0.45.4 (tests/tools/cloudflare).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Miniflare } = require('miniflare');
const { drizzle } = require('drizzle-orm/d1');
const { migrate } = require('drizzle-orm/d1/migrator');

const kUserTables =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' " +
  "AND name <> '__drizzle_migrations' ORDER BY name";

const kWorker = `
import { DurableObject } from 'cloudflare:workers';
import { drizzle } from './node_modules/drizzle-orm/durable-sqlite/index.js';
import { migrate } from './node_modules/drizzle-orm/durable-sqlite/migrator.js';

const failure = (e) => { while (e.cause) e = e.cause; return 'failed: ' + e.message; };

export class Migrated extends DurableObject {
  async fetch(request) {
    const c = await request.json();
    const sql = this.ctx.storage.sql;
    const db = drizzle(this.ctx.storage);
    const run = async (m) => { try { await migrate(db, m); return 'applied'; } catch (e) { return failure(e); } };
    const out = { foreign_keys: sql.exec('PRAGMA foreign_keys').toArray()[0].foreign_keys };
    out.first = await run(c.first);
    for (const s of c.seed.split('\\n').filter((l) => l.trim())) sql.exec(s);
    out.second = await run(c.second);
    out.rows = {};
    for (const { name } of sql.exec(${JSON.stringify(kUserTables)}).toArray()) {
      out.rows[name] = sql.exec('SELECT * FROM "' + name + '" ORDER BY rowid').raw().toArray();
    }
    return Response.json(out);
  }
}
export default {
  fetch(request, env) { return env.MIGRATED.get(env.MIGRATED.idFromName(new URL(request.url).pathname)).fetch(request); },
};
`;

// What drizzle's durable-sqlite migrator takes: the journal and each migration's SQL, by index.
function bundled(folder) {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8'));
  const migrations = {};
  for (const e of journal.entries) {
    migrations[`m${String(e.idx).padStart(4, '0')}`] = fs.readFileSync(path.join(folder, `${e.tag}.sql`), 'utf8');
  }
  return { journal, migrations };
}

async function on_d1(d1, c) {
  const db = drizzle(d1);
  const run = async (folder) => {
    try {
      await migrate(db, { migrationsFolder: folder });
      return 'applied';
    } catch (e) {
      while (e.cause) e = e.cause;
      return `failed: ${e.message}`;
    }
  };
  const out = { foreign_keys: (await d1.prepare('PRAGMA foreign_keys').raw())[0][0] };
  out.first = await run(c.first);
  const seed = c.seed.split('\n').filter((l) => l.trim());
  if (seed.length > 0) await d1.batch(seed.map((s) => d1.prepare(s)));
  out.second = await run(c.second);
  out.rows = {};
  for (const [name] of await d1.prepare(kUserTables).raw()) {
    out.rows[name] = await d1.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw();
  }
  return out;
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const tools = path.resolve(require.resolve('miniflare'), '../../../../..');  // .../node_modules/miniflare/dist/src/index.js
  const worker = path.join(tools, 'durable_migrate_worker.mjs');
  fs.writeFileSync(worker, kWorker);
  const databases = cases.map((_, i) => `DB${i}`);
  const mf = new Miniflare({
    modules: true,
    scriptPath: worker,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],  // drizzle-orm's .js files are ES modules
    compatibilityDate: '2025-04-01',
    d1Databases: databases,
    durableObjects: { MIGRATED: { className: 'Migrated', useSQLite: true } },
  });
  const results = [];
  try {
    for (let i = 0; i < cases.length; ++i) {
      const c = cases[i];
      if (c.driver === 'd1') {
        results.push(await on_d1(await mf.getD1Database(databases[i]), c));
      } else {
        const body = JSON.stringify({ first: bundled(c.first), seed: c.seed, second: bundled(c.second) });
        const response = await mf.dispatchFetch(`http://localhost/case-${i}`, { method: 'POST', body });
        const text = await response.text();
        results.push(response.ok ? JSON.parse(text) : { error: text.slice(0, 400) });
      }
    }
  } finally {
    await mf.dispose();
  }
  console.log(JSON.stringify(results));
})();
