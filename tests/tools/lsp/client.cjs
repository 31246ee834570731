#!/usr/bin/env node
// A real LSP client for `miglint lsp`, built on vscode-jsonrpc (the JSON-RPC layer of VS Code's
// language client). Used by tests/lsp_test.cpp and bench/lsp.sh.
//
//   node client.cjs SCENARIO MIGLINT FOLDER [ARG]
//
// Needs $MIGLINT_LSP_TOOLS: the directory where tests/tools/lsp/install.sh installed vscode-jsonrpc.
// Each scenario drives the server through a fixed sequence of steps and prints one JSON object on
// stdout: for every step, the diagnostics published during that step, keyed by the file's path
// relative to FOLDER (so URIs are compared as paths, whatever their percent-encoding), plus the
// server's exit code. After each step the client sends an unknown request and waits for its error
// reply: the server lints before answering any request, so every publication of that step has
// arrived by then. Protocol failures and timeouts exit 1 with the reason on stderr.
'use strict';

const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');

const tools = process.env.MIGLINT_LSP_TOOLS;
if (!tools) {
  console.error('client.cjs: set MIGLINT_LSP_TOOLS to the directory of tests/tools/lsp/install.sh');
  process.exit(2);
}
const rpc = require(path.join(tools, 'node_modules', 'vscode-jsonrpc', 'node'));

const [scenario, binary, folderArg, extra] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.MIGLINT_LSP_TIMEOUT_MS || 20000);

function fail(message) {
  console.error('client.cjs: ' + message);
  process.exit(1);
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out after ' + TIMEOUT_MS + ' ms: ' + what)), TIMEOUT_MS);
    }),
  ]);
}

class Client {
  constructor(folder) {
    this.folder = folder ? fs.realpathSync(folder) : null;
    this.server = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.server.stderr.on('data', (d) => { this.stderr += d; });
    this.exited = new Promise((resolve) => this.server.on('exit', (code, signal) => resolve({ code, signal })));
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.server.stdout), new rpc.StreamMessageWriter(this.server.stdin));
    this.step = null;
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (this.step) this.step[this.key(params.uri)] = params.diagnostics;
      for (const w of this.waiters.slice()) w(params);
    });
    this.connection.onError(() => {});
    this.connection.onClose(() => {});
    this.connection.listen();
  }

  uri(relative) { return pathToFileURL(path.join(this.folder, relative)).href; }

  key(uri) {
    let file;
    try { file = fileURLToPath(uri); } catch (e) { return uri; }
    return this.folder ? path.relative(this.folder, file) : file;
  }

  async initialize() {
    return withTimeout(this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.folder ? pathToFileURL(this.folder).href : null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    }), 'initialize').then(async (result) => {
      await this.connection.sendNotification('initialized', {});
      return result;
    });
  }

  // Runs action, then waits until the server has answered a request sent after it.
  async run(action) {
    this.step = {};
    await action();
    try {
      await withTimeout(this.connection.sendRequest('miglint-test/barrier', {}), 'barrier');
    } catch (e) {
      if (!(e instanceof rpc.ResponseError) || e.code !== rpc.ErrorCodes.MethodNotFound) throw e;
    }
    const step = this.step;
    this.step = null;
    return step;
  }

  // Resolves with the first publication for relative that satisfies accept.
  waitFor(relative, accept) {
    return new Promise((resolve) => {
      const waiter = (params) => {
        if (this.key(params.uri) !== relative || !accept(params.diagnostics)) return;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(params);
      };
      this.waiters.push(waiter);
    });
  }

  open(relative, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: this.uri(relative), languageId: relative.endsWith('.sql') ? 'sql' : 'json', version, text },
    });
  }

  change(relative, text, version) {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(relative), version }, contentChanges: [{ text }],
    });
  }

  save(relative, text) {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: this.uri(relative) }, text });
  }

  close(relative) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(relative) } });
  }

  // shutdown, exit, and the server's exit code.
  async finish() {
    const shutdown = await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    const exit = await withTimeout(this.exited, 'the server to exit');
    this.connection.dispose();
    return { shutdown, exit_code: exit.code, signal: exit.signal };
  }
}

const JOURNAL = 'meta/_journal.json';

// Opens the journal, edits it into errors and back, closes it.
async function journalScenario() {
  const c = new Client(folderArg);
  const out = { initialize: await c.initialize(), steps: {} };
  const original = fs.readFileSync(path.join(c.folder, JOURNAL), 'utf8');
  const entries = JSON.parse(original).entries;
  let version = 1;
  out.steps.open = await c.run(() => c.open(JOURNAL, original, version));
  // Entry 2's when below entry 1's: journal-when-not-increasing on that value.
  const earlier = original.replace(String(entries[2].when), String(entries[0].when - 3210));
  out.steps.broken = await c.run(() => c.change(JOURNAL, earlier, ++version));
  out.broken_text = earlier;
  out.steps.fixed = await c.run(() => c.change(JOURNAL, original, ++version));
  // Entry 2 repeats entry 1's tag.
  const duplicate = original.replace('"tag": "' + entries[2].tag + '"', '"tag": "' + entries[1].tag + '"');
  out.steps.duplicate = await c.run(() => c.change(JOURNAL, duplicate, ++version));
  out.duplicate_text = duplicate;
  // Closing drops the unsaved contents: the disk's journal is fine, so everything clears.
  out.steps.closed = await c.run(() => c.close(JOURNAL));
  Object.assign(out, await c.finish());
  return out;
}

// A .sql file open in the editor, deleted from disk, then written again: findings on the journal.
async function sqlScenario() {
  const c = new Client(folderArg);
  const out = { initialize: await c.initialize(), steps: {} };
  const sql = extra;
  const file = path.join(c.folder, sql);
  const text = fs.readFileSync(file, 'utf8');
  out.steps.open = await c.run(() => c.open(sql, text));
  fs.unlinkSync(file);
  out.steps.deleted = await c.run(() => c.change(sql, text + '\n-- edited\n', 2));
  fs.writeFileSync(file, text + '\n-- edited\n');
  out.steps.restored = await c.run(() => c.save(sql, text + '\n-- edited\n'));
  // An orphan .sql file: opened, it gets its own finding; deleted and closed, it is cleared.
  const orphan = path.join(c.folder, '0099_orphan.sql');
  fs.writeFileSync(orphan, 'SELECT 1;\n');
  out.steps.orphan = await c.run(() => c.open('0099_orphan.sql', 'SELECT 1;\n'));
  fs.unlinkSync(orphan);
  out.steps.orphan_closed = await c.run(() => c.close('0099_orphan.sql'));
  Object.assign(out, await c.finish());
  return out;
}

// The journal as given in the file ARG (already containing an astral character), opened as is.
async function textScenario() {
  const c = new Client(folderArg);
  const out = { initialize: await c.initialize(), steps: {} };
  const text = fs.readFileSync(extra, 'utf8');
  out.steps.open = await c.run(() => c.open(JOURNAL, text));
  out.text = text;
  Object.assign(out, await c.finish());
  return out;
}

// Lifecycle: a request before initialize, then exit without shutdown.
async function lifecycleScenario() {
  const c = new Client(null);
  const out = {};
  try {
    await withTimeout(c.connection.sendRequest('textDocument/hover', {}), 'early request');
    out.early = { result: 'unexpected success' };
  } catch (e) {
    out.early = { code: e.code, message: e.message };
  }
  out.initialize = await c.initialize();
  try {
    await withTimeout(c.connection.sendRequest('textDocument/hover', {}), 'unknown request');
  } catch (e) {
    out.unknown = { code: e.code };
  }
  await c.connection.sendNotification('exit');
  const exit = await withTimeout(c.exited, 'the server to exit');
  out.exit_code = exit.code;
  c.connection.dispose();
  return out;
}

// Times didSave (with text) of the journal to the journal's publishDiagnostics, ARG times.
async function benchScenario() {
  const c = new Client(folderArg);
  await c.initialize();
  const text = fs.readFileSync(path.join(c.folder, JOURNAL), 'utf8');
  // The first lint reads every snapshot; later ones only what changed.
  let opened = c.waitFor(JOURNAL, () => true);
  const openStart = process.hrtime.bigint();
  await c.open(JOURNAL, text);
  await withTimeout(opened, 'diagnostics after didOpen');
  const openMs = Number(process.hrtime.bigint() - openStart) / 1e6;
  const times = [];
  const runs = Number(extra || 20);
  for (let i = 0; i < runs; ++i) {
    // Alternate the trailing newline so every save really carries new contents.
    const saved = i % 2 ? text : text + '\n';
    const published = c.waitFor(JOURNAL, () => true);
    const start = process.hrtime.bigint();
    await c.save(JOURNAL, saved);
    const params = await withTimeout(published, 'diagnostics after didSave');
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (i === 0) c.lastCount = params.diagnostics.length;
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const fin = await c.finish();
  return { runs, open_ms: openMs, median_ms: median, min_ms: sorted[0], max_ms: sorted[sorted.length - 1], times_ms: times,
           journal_diagnostics: c.lastCount, exit_code: fin.exit_code };
}

const scenarios = { journal: journalScenario, sql: sqlScenario, text: textScenario, lifecycle: lifecycleScenario,
                    bench: benchScenario };
if (!scenarios[scenario] || !binary) {
  fail('usage: client.cjs journal|sql|text|lifecycle|bench MIGLINT [FOLDER] [ARG]');
}
scenarios[scenario]().then((out) => {
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}, (e) => fail(e && e.stack ? e.stack : String(e)));
