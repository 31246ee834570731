#!/usr/bin/env node
// Writes a synthetic Drizzle Kit PostgreSQL folder for the schema replay benchmark (bench/replay.sh):
//   node bench/make_replay_folder.cjs COUNT OUTDIR [WINDOW]
// Migration 0 creates one table; each of the COUNT - 1 others adds a column to it, or (one in
// four) an index on a column added before. With WINDOW, a migration that takes the table past
// WINDOW added columns also drops the oldest one (and its index): the schema, and so every
// snapshot, stays the same size whatever COUNT is. Without it the table keeps growing, as each
// snapshot holds the whole schema. Each migration has its SQL as drizzle-kit writes it, a journal
// entry, and a v7 snapshot: the previous one grown by the change. Deterministic.
'use strict';
const fs = require('fs');
const path = require('path');

const count = Number(process.argv[2]);
const out = process.argv[3];
const window = process.argv[4] === undefined ? Infinity : Number(process.argv[4]);
if (!(count >= 1) || !out || !(window >= 1)) {
  console.error('usage: make_replay_folder.cjs COUNT OUTDIR [WINDOW]');
  process.exit(2);
}

const ZERO = '00000000-0000-0000-0000-000000000000';
const id = (i) => `${(0x10000000 + i).toString(16)}-0000-4000-8000-${String(i).padStart(12, '0')}`;
// Column kinds in turn: type, SQL default and its snapshot form (none when undefined).
const KINDS = [
  { type: 'text' },
  { type: 'integer', sql: '0', json: 0 },
  { type: 'boolean', sql: 'false', json: false },
  { type: 'timestamp', sql: 'now()', json: 'now()' },
  { type: 'varchar(255)' },
  { type: 'jsonb', sql: "'{}'::jsonb", json: "'{}'::jsonb" },
];

const table = {
  name: 'items', schema: '',
  columns: {
    id: { name: 'id', type: 'serial', primaryKey: true, notNull: true },
    name: { name: 'name', type: 'text', primaryKey: false, notNull: true },
  },
  indexes: {}, foreignKeys: {}, compositePrimaryKeys: {}, uniqueConstraints: {}, policies: {},
  checkConstraints: {}, isRLSEnabled: false,
};
const added = [];     // added columns still in the table, oldest first
const unindexed = []; // those of them without an index yet

function addColumn(i, sql) {
  const kind = KINDS[i % KINDS.length];
  const c = { name: `c_${i}`, type: kind.type, primaryKey: false, notNull: kind.sql !== undefined };
  if (kind.json !== undefined) c.default = kind.json;
  table.columns[c.name] = c;
  added.push(c.name);
  unindexed.push(c.name);
  sql.push(`ALTER TABLE "items" ADD COLUMN "${c.name}" ${kind.type}${kind.sql ? ` DEFAULT ${kind.sql} NOT NULL` : ''};`);
}
function addIndex(sql) {
  const column = unindexed.shift();
  const name = `items_${column}_idx`;
  table.indexes[name] = { name, columns: [{ expression: column, isExpression: false, asc: true, nulls: 'last' }],
    isUnique: false, concurrently: false, method: 'btree', with: {} };
  sql.push(`CREATE INDEX "${name}" ON "items" USING btree ("${column}");`);
}
function dropOldest(sql) {
  const column = added.shift();
  const index = `items_${column}_idx`;
  if (table.indexes[index]) {
    delete table.indexes[index];
    sql.push(`DROP INDEX "${index}";`);
  }
  const waiting = unindexed.indexOf(column);
  if (waiting >= 0) unindexed.splice(waiting, 1);
  delete table.columns[column];
  sql.push(`ALTER TABLE "items" DROP COLUMN "${column}";`);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'meta'), { recursive: true });
const journal = { version: '7', dialect: 'postgresql', entries: [] };
const when = Date.UTC(2023, 0, 2, 9, 0, 0);
for (let i = 0; i < count; i++) {
  const sql = [];
  if (i === 0) {
    sql.push('CREATE TABLE "items" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text NOT NULL\n);\n');
  } else if (i % 4 === 0 && unindexed.length) {
    addIndex(sql);
  } else {
    addColumn(i, sql);
    if (added.length > window) dropOldest(sql);
  }
  const snapshot = { id: id(i), prevId: i === 0 ? ZERO : id(i - 1), version: '7', dialect: 'postgresql',
    tables: { 'public.items': table }, enums: {}, schemas: {}, sequences: {}, roles: {}, policies: {}, views: {},
    _meta: { columns: {}, schemas: {}, tables: {} } };
  const prefix = String(i).padStart(4, '0');
  const tag = `${prefix}_step_${i}`;
  fs.writeFileSync(path.join(out, 'meta', `${prefix}_snapshot.json`), JSON.stringify(snapshot, null, 2));
  fs.writeFileSync(path.join(out, `${tag}.sql`), sql.join('--> statement-breakpoint\n'));
  journal.entries.push({ idx: i, version: '7', when: when + i * 3600e3, tag, breakpoints: true });
}
fs.writeFileSync(path.join(out, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
