// drizzle_v1_sqlite.cjs: the real drizzle-orm migrators of 0.x (0.45.4) and 1.0 (1.0.0-rc.5) on one
// SQLite file through better-sqlite3, and drizzle-kit 1.0's `up`, several steps in one node process.
//
//   node drizzle_v1_sqlite.cjs DB_FILE STEP...
//     reset            deletes DB_FILE: a new database for the next case
//     migrate0 FOLDER  drizzle-orm 0.45.4's migrate() (better-sqlite3) on a 0.x folder
//     migrate1 FOLDER  drizzle-orm 1.0.0-rc.5's migrate() (better-sqlite3) on a 1.0 folder
//     up FOLDER        drizzle-kit 1.0.0-rc.5's `up` (dialect sqlite) on a 0.x folder, in place
//     sql TEXT         runs TEXT (a hand edit)
//     rows             the table __drizzle_migrations in rowid order (ids are NULL in 0.x's table)
//
// Prints one JSON line per step: {"step", "ok", "error"?, "table"?}; a failing step does not stop
// the next ones. drizzle-orm 0.45.4 and better-sqlite3 are resolved from $MIGLINT_SQLITE_TOOLS_DIR,
// drizzle-orm and drizzle-kit 1.0 from $MIGLINT_TOOLS1_DIR; NODE_PATH must name
// $MIGLINT_SQLITE_TOOLS_DIR/node_modules so that drizzle-orm 1.0 finds better-sqlite3 there.
// Exit codes: 0 every step ran (each says whether it succeeded), 2 usage error.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { spawnSync } = require('node:child_process');

function usage(message) {
  console.error(`drizzle_v1_sqlite: ${message}\nusage: drizzle_v1_sqlite.cjs DB_FILE (reset | migrate0 FOLDER | migrate1 FOLDER | up FOLDER | sql TEXT | rows)...`);
  process.exit(2);
}

const tools0 = process.env.MIGLINT_SQLITE_TOOLS_DIR;
const tools1 = process.env.MIGLINT_TOOLS1_DIR;
if (!tools0 || !tools1) usage('MIGLINT_SQLITE_TOOLS_DIR and MIGLINT_TOOLS1_DIR must be set');
const require0 = createRequire(path.join(path.resolve(tools0), 'package.json'));
const require1 = createRequire(path.join(path.resolve(tools1), 'package.json'));
const Database = require0('better-sqlite3');

function up(folder) {
  const bin = path.join(path.resolve(tools1), 'node_modules/drizzle-kit/bin.cjs');
  const run = spawnSync(process.execPath, [bin, 'up', '--dialect', 'sqlite', '--out', path.resolve(folder)], {
    cwd: path.dirname(path.resolve(folder)),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`drizzle-kit up exited with ${run.status}: ${run.stdout}${run.stderr}`);
  return {};
}

function rows(db) {
  const columns = db.prepare("select name from pragma_table_info('__drizzle_migrations') order by cid").all();
  if (columns.length === 0) return null;
  const names = columns.map((c) => c.name);
  // Every value as text (NULL stays null); applied_at as set or not: its value is the clock's.
  const select = names.map((n) => (n === 'applied_at' ? '(applied_at is not null) as applied_at' : `cast("${n}" as text) as "${n}"`));
  const result = db.prepare(`select ${select.join(', ')} from __drizzle_migrations order by rowid`).all();
  return { columns: names, rows: result.map((r) => ({ ...r, ...(r.applied_at === undefined ? {} : { applied_at: r.applied_at === 1 }) })) };
}

function step(file, name, arg) {
  if (name === 'reset') {
    fs.rmSync(file, { force: true });
    return {};
  }
  if (name === 'up') return up(arg);
  const db = new Database(file);
  try {
    switch (name) {
      case 'migrate0': {
        const { drizzle } = require0('drizzle-orm/better-sqlite3');
        const { migrate } = require0('drizzle-orm/better-sqlite3/migrator');
        migrate(drizzle(db), { migrationsFolder: path.resolve(arg) });
        return {};
      }
      case 'migrate1': {
        const { drizzle } = require1('drizzle-orm/better-sqlite3');
        const { migrate } = require1('drizzle-orm/better-sqlite3/migrator');
        migrate(drizzle({ client: db }), { migrationsFolder: path.resolve(arg) });
        return {};
      }
      case 'sql':
        db.exec(arg);
        return {};
      case 'rows':
        return { table: rows(db) };
      default:
        return usage(`unknown step ${name}`);
    }
  } finally {
    db.close();
  }
}

const [file, ...args] = process.argv.slice(2);
if (!file) usage('DB_FILE is missing');
for (let i = 0; i < args.length; i++) {
  const name = args[i];
  const arg = name === 'reset' || name === 'rows' ? undefined : args[++i];
  if (name !== 'reset' && name !== 'rows' && arg === undefined) usage(`${name} needs a value`);
  let out;
  try {
    out = { step: name, ok: true, ...step(file, name, arg) };
  } catch (err) {
    out = { step: name, ok: false, error: err && err.message ? err.message : String(err) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
