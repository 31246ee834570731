// drizzle.cjs: the real drizzle-orm migrator and a few PostgreSQL helpers for miglint's tests.
// Run it through drizzle.sh, which installs the npm packages and sets MIGLINT_TOOLS_DIR.
//
//   node drizzle.cjs migrate FOLDER URL [--schema S] [--table T]
//       drizzle-orm's own migrate() (drizzle-orm/node-postgres/migrator, node-postgres driver) on
//       FOLDER (the drizzle-kit `out` folder, with meta/_journal.json) against URL. --schema and
//       --table are migrate()'s migrationsSchema / migrationsTable (defaults: drizzle,
//       __drizzle_migrations).
//   node drizzle.cjs push-sql URL FILE
//       Runs a SQL file the way `drizzle-kit push` or a hand-run psql would: outside drizzle's
//       migrations table and outside one big transaction. The file is cut at
//       `--> statement-breakpoint` and each piece is sent as one simple-protocol query in autocommit
//       mode (a piece holding several statements runs as one implicit transaction, as in psql -c).
//   node drizzle.cjs rows URL [SCHEMA] [TABLE]
//       Prints the migrations table (default "drizzle"."__drizzle_migrations") in id order as
//       `hash<TAB>created_at` lines. A missing table is an error.
//
// Exit codes: 0 success, 1 the database or the migrator failed (message on stderr), 2 usage error.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

// The packages live in $MIGLINT_TOOLS_DIR/node_modules, not next to this file: resolve from there.
const toolsDir = process.env.MIGLINT_TOOLS_DIR;
if (!toolsDir) {
  console.error('drizzle.cjs: MIGLINT_TOOLS_DIR is not set (run tests/tools/drizzle.sh)');
  process.exit(2);
}
const toolsRequire = createRequire(path.join(path.resolve(toolsDir), 'package.json'));
const pg = toolsRequire('pg');

const USAGE = `usage:
  drizzle.sh migrate FOLDER URL [--schema S] [--table T]
  drizzle.sh push-sql URL FILE
  drizzle.sh rows URL [SCHEMA] [TABLE]`;

function usage(message) {
  if (message) console.error(`drizzle: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

// A "schema"."table" name quoted the way drizzle quotes it (case-sensitive, "" for ").
function ident(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

// One client per command; a short connect timeout so a dead server fails fast instead of hanging.
async function connect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  await client.connect();
  return client;
}

async function migrateCommand(args) {
  const positional = [];
  const config = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--schema' || args[i] === '--table') {
      if (i + 1 >= args.length) usage(`${args[i]} needs a value`);
      config[args[i] === '--schema' ? 'migrationsSchema' : 'migrationsTable'] = args[++i];
    } else {
      positional.push(args[i]);
    }
  }
  if (positional.length !== 2) usage('migrate needs FOLDER and URL');
  const [folder, url] = positional;
  // Exactly what an application does: drizzle({ client }) + migrate(db, { migrationsFolder }).
  const { drizzle } = toolsRequire('drizzle-orm/node-postgres');
  const { migrate } = toolsRequire('drizzle-orm/node-postgres/migrator');
  const client = await connect(url);
  try {
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: path.resolve(folder), ...config });
  } finally {
    await client.end();
  }
}

async function pushSqlCommand(args) {
  if (args.length !== 2) usage('push-sql needs URL and FILE');
  const [url, file] = args;
  const text = fs.readFileSync(file, 'utf8');
  const client = await connect(url);
  try {
    for (const piece of text.split('--> statement-breakpoint')) {
      if (piece.trim() === '') continue;
      await client.query(piece);
    }
  } finally {
    await client.end();
  }
}

async function rowsCommand(args) {
  if (args.length < 1 || args.length > 3) usage('rows needs URL [SCHEMA] [TABLE]');
  const [url, schema = 'drizzle', table = '__drizzle_migrations'] = args;
  const client = await connect(url);
  try {
    // created_at is bigint: node-postgres returns it as a string, printed unchanged.
    const result = await client.query(`select hash, created_at from ${ident(schema)}.${ident(table)} order by id`);
    for (const row of result.rows) process.stdout.write(`${row.hash}\t${row.created_at}\n`);
  } finally {
    await client.end();
  }
}

// Prints an error with the PostgreSQL details node-postgres attaches (SQLSTATE, detail, hint...).
function report(err) {
  const lines = [`drizzle: ${err && err.message ? err.message : String(err)}`];
  if (err && typeof err === 'object') {
    for (const key of ['code', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'constraint']) {
      if (err[key]) lines.push(`  ${key}: ${err[key]}`);
    }
    // drizzle wraps driver errors ("Failed query: ...") and keeps the original as cause.
    if (err.cause) lines.push(`  cause: ${err.cause.message || err.cause}${err.cause.code ? ` (${err.cause.code})` : ''}`);
  }
  console.error(lines.join('\n'));
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate': return migrateCommand(args);
    case 'push-sql': return pushSqlCommand(args);
    case 'rows': return rowsCommand(args);
    default: return usage(command ? `unknown command ${command}` : '');
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    report(err);
    process.exit(1);
  },
);
