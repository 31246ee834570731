#!/usr/bin/env node
// Writes a clean synthetic Drizzle Kit PostgreSQL migrations folder:
//   node bench/make_synthetic.cjs COUNT OUTDIR
// COUNT migrations, each with a v7 snapshot (id/prevId chain from the zero
// origin), an SQL file with "--> statement-breakpoint" separators and a journal
// entry with strictly increasing "when". The schema grows so that snapshot
// sizes follow Dokploy's (about 57 KB first, 238 KB last, ~150 KB mean) whatever
// COUNT is, which makes the 200 and 2000 folders comparable per migration.
// A fixed-seed PRNG makes the output byte-identical on every run.
'use strict';
const fs = require('fs');
const path = require('path');

const count = Number(process.argv[2]);
const out = process.argv[3];
if (!(count >= 1) || !out) { console.error('usage: make_synthetic.cjs COUNT OUTDIR'); process.exit(2); }

// mulberry32: tiny, deterministic, good enough for picking names and shapes
let seed = 0x5eed0000 + count;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
function uuid() {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = '4'; h[16] = '89ab'[Math.floor(rand() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const ADJ = ['brave', 'calm', 'clever', 'cool', 'cute', 'daily', 'eager', 'fast', 'gentle', 'happy', 'lazy',
  'lucky', 'magic', 'nice', 'odd', 'plain', 'quick', 'quiet', 'rapid', 'shiny', 'silent', 'smart', 'steady',
  'tidy', 'wild', 'young'];
const NOUN = ['banshee', 'captain', 'cyclops', 'falcon', 'gambit', 'hulk', 'iceman', 'jubilee', 'korvac',
  'lockheed', 'magneto', 'nova', 'omega', 'phoenix', 'quasar', 'rogue', 'sentry', 'storm', 'thor', 'ultron',
  'vision', 'wolverine', 'xorn', 'zodiac'];
const WORDS = ['account', 'address', 'amount', 'build', 'config', 'deploy', 'domain', 'email', 'env', 'image',
  'label', 'limit', 'mount', 'name', 'note', 'owner', 'port', 'project', 'region', 'repo', 'secret', 'server',
  'source', 'status', 'token', 'url', 'volume', 'webhook'];
// Column types in Dokploy's proportions: mostly text, then boolean/json/integer
const TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'boolean', 'boolean', 'json', 'integer',
  'timestamp', 'text[]', 'jsonb', 'bigint'];
const DEFAULTS = { text: "''", boolean: 'false', json: "'{}'::json", integer: '0', timestamp: 'now()',
  'text[]': "ARRAY[]::text[]", jsonb: "'{}'::jsonb", bigint: '0' };

const snap = { tables: {}, enums: {} };
const tableNames = [];
let uniq = 0; // suffix that keeps every generated name unique
const q = (s) => `"${s}"`;

function colSql(c) {
  const type = c.typeSchema ? `"${c.typeSchema}"."${c.type}"` : c.type;
  return `${q(c.name)} ${type}${c.primaryKey ? ' PRIMARY KEY' : ''}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}${c.notNull ? ' NOT NULL' : ''}`;
}
function newColumn() {
  const enums = Object.values(snap.enums);
  const c = { name: `${pick(WORDS)}_${pick(WORDS)}_${++uniq}` };
  if (enums.length && rand() < 0.08) { const e = pick(enums); c.type = e.name; c.typeSchema = 'public'; }
  else c.type = pick(TYPES);
  c.primaryKey = false;
  c.notNull = rand() < 0.4;
  if (!c.typeSchema && rand() < 0.3) c.default = DEFAULTS[c.type];
  if (c.notNull && c.default === undefined && !c.typeSchema) c.default = DEFAULTS[c.type]; // ADD COLUMN NOT NULL needs one
  if (c.typeSchema && c.notNull) c.default = `'${snap.enums['public.' + c.type].values[0]}'`;
  return c;
}
function addIndex(t, sql) {
  const cols = Object.keys(t.columns);
  const col = pick(cols);
  const name = `${t.name}_${col}_idx`;
  if (t.indexes[name]) return false;
  const unique = rand() < 0.2;
  t.indexes[name] = { name, columns: [{ expression: col, isExpression: false, asc: true, nulls: 'last' }],
    isUnique: unique, concurrently: false, method: 'btree', with: {} };
  sql.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${q(name)} ON ${q(t.name)} USING btree (${q(col)});`);
  return true;
}
function addForeignKey(t, col, sql) {
  const to = snap.tables['public.' + pick(tableNames)];
  const name = `${t.name}_${col}_${to.name}_id_fk`;
  const onDelete = pick(['cascade', 'cascade', 'set null', 'no action']);
  t.foreignKeys[name] = { name, tableFrom: t.name, tableTo: to.name, columnsFrom: [col], columnsTo: ['id'],
    onDelete, onUpdate: 'no action' };
  sql.push(`ALTER TABLE ${q(t.name)} ADD CONSTRAINT ${q(name)} FOREIGN KEY (${q(col)}) REFERENCES "public".${q(to.name)}("id") ON DELETE ${onDelete} ON UPDATE no action;`);
}

// --- schema changes; each appends its SQL statements to `sql` -----------------
function addEnum(sql) {
  const name = `${pick(WORDS)}Type${++uniq}`;
  const values = Array.from({ length: int(2, 7) }, (_, k) => `${pick(WORDS)}_${k}`);
  snap.enums['public.' + name] = { name, schema: 'public', values };
  sql.push(`CREATE TYPE "public".${q(name)} AS ENUM(${values.map((v) => `'${v}'`).join(', ')});`);
}
function addTable(sql) {
  const name = `${pick(WORDS)}_${pick(WORDS)}_${++uniq}`;
  const t = { name, schema: '', columns: {}, indexes: {}, foreignKeys: {}, compositePrimaryKeys: {},
    uniqueConstraints: {}, policies: {}, checkConstraints: {}, isRLSEnabled: false };
  t.columns.id = { name: 'id', type: 'text', primaryKey: true, notNull: true };
  // Dokploy's tables have 2 to 101 columns, most 5 to 25
  for (let k = int(4, rand() < 0.1 ? 60 : 22); k > 0; k--) { const c = newColumn(); t.columns[c.name] = c; }
  const refCol = tableNames.length ? `${pick(WORDS)}_id_${++uniq}` : null;
  if (refCol) t.columns[refCol] = { name: refCol, type: 'text', primaryKey: false, notNull: true };
  const parts = Object.values(t.columns).map(colSql);
  if (rand() < 0.3) { // as drizzle-kit writes it: inside CREATE TABLE
    const col = pick(Object.keys(t.columns).slice(1)), uname = `${name}_${col}_unique`;
    t.uniqueConstraints[uname] = { name: uname, nullsNotDistinct: false, columns: [col] };
    parts.push(`CONSTRAINT ${q(uname)} UNIQUE(${q(col)})`);
  }
  sql.push(`CREATE TABLE ${q(name)} (\n\t${parts.join(',\n\t')}\n);\n`);
  if (refCol) addForeignKey(t, refCol, sql);
  for (let k = int(0, 2); k > 0; k--) addIndex(t, sql);
  snap.tables['public.' + name] = t;
  tableNames.push(name);
}
function addColumn(sql) {
  const t = snap.tables['public.' + pick(tableNames)];
  const c = newColumn();
  t.columns[c.name] = c;
  sql.push(`ALTER TABLE ${q(t.name)} ADD COLUMN ${colSql(c)};`);
}
function alterColumn(sql) { // size-neutral change, for migrations that need not grow
  const t = snap.tables['public.' + pick(tableNames)];
  const c = pick(Object.values(t.columns).filter((x) => !x.primaryKey));
  if (!c) return addColumn(sql);
  c.notNull = !c.notNull;
  sql.push(`ALTER TABLE ${q(t.name)} ALTER COLUMN ${q(c.name)} ${c.notNull ? 'SET' : 'DROP'} NOT NULL;`);
}
function addEnumValue(sql) {
  const enums = Object.values(snap.enums);
  if (!enums.length) return addEnum(sql);
  const e = pick(enums), v = `${pick(WORDS)}_${++uniq}`;
  e.values.push(v);
  sql.push(`ALTER TYPE "public".${q(e.name)} ADD VALUE '${v}';`);
}

// --- write the folder ---------------------------------------------------------
const ZERO = '00000000-0000-0000-0000-000000000000';
const FIRST = 57000, LAST = 238000; // Dokploy's first and last snapshot sizes in bytes
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'meta'), { recursive: true });
const journal = { version: '7', dialect: 'postgresql', entries: [] };
let prevId = ZERO;
let when = Date.UTC(2023, 0, 2, 9, 0, 0); // in the past, so journal-when-implausible stays quiet
const render = (id) => JSON.stringify({ id, prevId, version: '7', dialect: 'postgresql', tables: snap.tables,
  enums: snap.enums, schemas: {}, sequences: {}, roles: {}, policies: {}, views: {},
  _meta: { columns: {}, schemas: {}, tables: {} } }, null, 2);

for (let i = 0; i < count; i++) {
  const sql = [];
  const target = count === 1 ? FIRST : FIRST + ((LAST - FIRST) * i) / (count - 1);
  const id = uuid();
  // Every migration changes something; one already at its target size only
  // alters a column, so small steps (2000 migrations) do not overshoot.
  if (i === 0) { addEnum(sql); addEnum(sql); }
  else if (render(id).length >= target) alterColumn(sql);
  else pick([alterColumn, addColumn, addIndexAnywhere, addEnumValue, addEnum])(sql);
  // grow toward the target: whole tables while far below it, then columns
  let text = render(id);
  while (text.length < target) {
    if (target - text.length > 4000 || !tableNames.length) addTable(sql); else addColumn(sql);
    text = render(id);
  }
  const tag = `${String(i).padStart(4, '0')}_${pick(ADJ)}_${pick(NOUN)}`;
  fs.writeFileSync(path.join(out, 'meta', `${String(i).padStart(4, '0')}_snapshot.json`), text);
  fs.writeFileSync(path.join(out, `${tag}.sql`), sql.join('--> statement-breakpoint\n'));
  when += int(20 * 60e3, 12 * 3600e3); // 20 min to 12 h between migrations
  journal.entries.push({ idx: i, version: '7', when, tag, breakpoints: true });
  prevId = id;
}
fs.writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));

function addIndexAnywhere(sql) {
  for (let k = 0; k < 5; k++) if (addIndex(snap.tables['public.' + pick(tableNames)], sql)) return;
  addColumn(sql);
}
