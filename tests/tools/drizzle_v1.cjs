// drizzle_v1.cjs: the real drizzle-orm migrators of 0.x (0.45.4) and 1.0 (1.0.0-rc.5) on one
// PostgreSQL database, several steps in one node process (database tests start few processes).
//
//   node drizzle_v1.cjs URL STEP...
//     reset            drops the schemas "drizzle" and "public" (with everything in them), makes an
//                      empty "public": a new database for the next case
//     migrate0 FOLDER  drizzle-orm 0.45.4's migrate() (node-postgres) on a 0.x folder
//     migrate1 FOLDER  drizzle-orm 1.0.0-rc.5's migrate() (node-postgres) on a 1.0 folder
//     up FOLDER        drizzle-kit 1.0.0-rc.5's `up` (dialect postgresql) on a 0.x folder, in place
//     sql TEXT         runs TEXT as one simple-protocol query (a hand edit)
//     rows             the migrations table "drizzle"."__drizzle_migrations", in id order
//
// Prints one JSON line per step: {"step", "ok", "error"?, "rows"?}; a failing step does not stop
// the next ones (the tests expect some migrate() calls to throw). The 0.x packages (with pg) are
// resolved from $MIGLINT_TOOLS_DIR, drizzle-orm 1.0 from $MIGLINT_TOOLS1_DIR; NODE_PATH must name
// $MIGLINT_TOOLS_DIR/node_modules so that drizzle-orm 1.0 finds pg there.
// Exit codes: 0 every step ran (each says whether it succeeded), 2 usage error.
'use strict';

const path = require('node:path');
const { createRequire } = require('node:module');
const { spawnSync } = require('node:child_process');

function usage(message) {
  console.error(`drizzle_v1: ${message}\nusage: drizzle_v1.cjs URL (reset | migrate0 FOLDER | migrate1 FOLDER | up FOLDER | sql TEXT | rows)...`);
  process.exit(2);
}

const tools0 = process.env.MIGLINT_TOOLS_DIR;
const tools1 = process.env.MIGLINT_TOOLS1_DIR;
if (!tools0 || !tools1) usage('MIGLINT_TOOLS_DIR and MIGLINT_TOOLS1_DIR must be set');
const require0 = createRequire(path.join(path.resolve(tools0), 'package.json'));
const require1 = createRequire(path.join(path.resolve(tools1), 'package.json'));
const pg = require0('pg');

// The error as drizzle shows it, with the driver's cause ("Failed query: ..." wraps it).
function describe(err) {
  let text = err && err.message ? err.message : String(err);
  if (err && err.cause && err.cause.message) text += ` (cause: ${err.cause.message})`;
  return text;
}

async function rows(client) {
  const columns = await client.query(
    "select column_name from information_schema.columns where table_schema = 'drizzle' " +
      "and table_name = '__drizzle_migrations' order by ordinal_position");
  const names = columns.rows.map((r) => r.column_name);
  if (names.length === 0) return null;
  // applied_at is reported as set or not: its value is the clock's.
  const select = names.map((n) => (n === 'applied_at' ? '(applied_at is not null) as applied_at' : `"${n}"::text`));
  const result = await client.query(`select ${select.join(', ')} from drizzle.__drizzle_migrations order by id`);
  return { columns: names, rows: result.rows };
}

// drizzle-kit's own CLI, as a user runs it; its output only when it fails.
function up(folder) {
  const bin = path.join(path.resolve(tools1), 'node_modules/drizzle-kit/bin.cjs');
  const run = spawnSync(process.execPath, [bin, 'up', '--dialect', 'postgresql', '--out', path.resolve(folder)], {
    cwd: path.dirname(path.resolve(folder)),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`drizzle-kit up exited with ${run.status}: ${run.stdout}${run.stderr}`);
  return {};
}

async function step(client, name, arg) {
  switch (name) {
    case 'reset':
      await client.query('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public');
      return {};
    case 'migrate0': {
      const { drizzle } = require0('drizzle-orm/node-postgres');
      const { migrate } = require0('drizzle-orm/node-postgres/migrator');
      await migrate(drizzle({ client }), { migrationsFolder: path.resolve(arg) });
      return {};
    }
    case 'migrate1': {
      const { drizzle } = require1('drizzle-orm/node-postgres');
      const { migrate } = require1('drizzle-orm/node-postgres/migrator');
      await migrate(drizzle({ client }), { migrationsFolder: path.resolve(arg) });
      return {};
    }
    case 'up':
      return up(arg);
    case 'sql':
      await client.query(arg);
      return {};
    case 'rows':
      return { table: await rows(client) };
    default:
      return usage(`unknown step ${name}`);
  }
}

async function main() {
  const [url, ...args] = process.argv.slice(2);
  if (!url) usage('URL is missing');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  await client.connect();
  try {
    for (let i = 0; i < args.length; i++) {
      const name = args[i];
      const arg = name === 'reset' || name === 'rows' ? undefined : args[++i];
      if (name !== 'reset' && name !== 'rows' && arg === undefined) usage(`${name} needs a value`);
      let out;
      try {
        out = { step: name, ok: true, ...(await step(client, name, arg)) };
      } catch (err) {
        // A failed migrate may leave its transaction open on this client.
        await client.query('rollback').catch(() => {});
        out = { step: name, ok: false, error: describe(err) };
      }
      process.stdout.write(`${JSON.stringify(out)}\n`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(`drizzle_v1: ${describe(err)}`);
  process.exit(1);
});
