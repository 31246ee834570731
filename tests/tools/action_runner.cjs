// Runs the steps of a composite action (ACTION_DIR/action.yml) in order, as GitHub's runner does, so
// that a test can run miglint's action.yml itself rather than a copy of its commands:
//   node action_runner.cjs ACTION_DIR INPUTS_JSON RESULT_FILE
// INPUTS_JSON sets inputs (an undeclared one is an error); the others take their defaults. The
// caller's environment carries the GITHUB_* variables of the event, RUNNER_TEMP and the working
// directory (GITHUB_WORKSPACE). Each `run` step gets its `env`, GITHUB_ACTION_PATH and a fresh
// GITHUB_OUTPUT file, whose outputs later steps read; `if` and `${{ }}` are evaluated (contexts
// inputs, steps, github, runner, env; operators ! == != && || and the status functions). A `uses`
// step is not run: its evaluated `with` is recorded. RESULT_FILE receives
// {steps: [{id, name, outcome}], uses: [{uses, with}], outputs}; the exit code is the first failed
// step's, as the job's would be. `yaml` is found through NODE_PATH.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const YAML = require('yaml');

const [actionDir, inputsJson, resultFile] = process.argv.slice(2);
const doc = YAML.parseDocument(fs.readFileSync(path.join(actionDir, 'action.yml'), 'utf8'));
if (doc.errors.length) throw new Error(`action.yml: ${doc.errors.join('\n')}`);
const action = doc.toJS();
if (action.runs.using !== 'composite') throw new Error('not a composite action');

const inputs = {};
for (const [name, spec] of Object.entries(action.inputs || {})) inputs[name] = String(spec.default ?? '');
for (const [name, value] of Object.entries(JSON.parse(inputsJson))) {
  if (!(name in inputs)) throw new Error(`action.yml declares no input ${name}`);
  inputs[name] = String(value);
}
const event = process.env.GITHUB_EVENT_PATH ? JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')) : {};
const context = {
  inputs,
  steps: {},
  github: {
    action_path: path.resolve(actionDir),
    workspace: process.env.GITHUB_WORKSPACE,
    event_name: process.env.GITHUB_EVENT_NAME,
    base_ref: process.env.GITHUB_BASE_REF,
    head_ref: process.env.GITHUB_HEAD_REF,
    sha: process.env.GITHUB_SHA,
    ref: process.env.GITHUB_REF,
    event,
  },
  runner: { temp: process.env.RUNNER_TEMP, os: 'Linux' },
  env: {},
};
let failedCode = 0;

// --- expressions -------------------------------------------------------------------------------
function tokenize(text) {
  const tokens = [];
  const re = /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||[!()])|([A-Za-z_][A-Za-z0-9_.-]*)|(-?\d+(?:\.\d+)?))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`cannot read the expression ${text} at ${text.slice(at)}`);
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'value', value: m[1].slice(1, -1).replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'op', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'name', value: m[3] });
    else tokens.push({ kind: 'value', value: Number(m[4]) });
  }
  return tokens;
}

function lookup(name) {
  if (name === 'true') return true;
  if (name === 'false') return false;
  if (name === 'null') return null;
  let value = context;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) return null;
    value = value[part];
  }
  return value;
}

const statusFunctions = {
  always: () => true,
  success: () => failedCode === 0,
  failure: () => failedCode !== 0,
  cancelled: () => false,
};

function truthy(v) {
  return !(v === null || v === undefined || v === false || v === '' || v === 0);
}
function equal(a, b) {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'boolean' || typeof b === 'boolean') return truthy(a) === truthy(b);
  return a === b || String(a ?? '') === String(b ?? '');
}

function evaluate(text) {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (op) => peek() && peek().kind === 'op' && peek().value === op;
  function primary() {
    const t = tokens[i++];
    if (!t) throw new Error(`the expression ${text} ends too early`);
    if (t.kind === 'value') return t.value;
    if (t.kind === 'op' && t.value === '!') return !truthy(primary());
    if (t.kind === 'op' && t.value === '(') {
      const v = or();
      if (!isOp(')')) throw new Error(`missing ) in ${text}`);
      i++;
      return v;
    }
    if (t.kind === 'name') {
      if (isOp('(')) {
        i++;
        if (!isOp(')') || !(t.value in statusFunctions)) throw new Error(`unknown function ${t.value} in ${text}`);
        i++;
        return statusFunctions[t.value]();
      }
      return lookup(t.value);
    }
    throw new Error(`unexpected ${t.value} in ${text}`);
  }
  function comparison() {
    let v = primary();
    while (isOp('==') || isOp('!=')) {
      const op = tokens[i++].value;
      const w = primary();
      v = op === '==' ? equal(v, w) : !equal(v, w);
    }
    return v;
  }
  function and() {
    let v = comparison();
    while (isOp('&&')) {
      i++;
      const w = comparison();
      v = truthy(v) ? w : v;
    }
    return v;
  }
  function or() {
    let v = and();
    while (isOp('||')) {
      i++;
      const w = and();
      v = truthy(v) ? v : w;
    }
    return v;
  }
  const value = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i].value} in ${text}`);
  return value;
}

// A string with ${{ }} parts replaced by their values.
function substitute(text) {
  return String(text).replace(/\$\{\{(.*?)\}\}/g, (_, expr) => {
    const v = evaluate(expr);
    return v === null || v === undefined ? '' : String(v);
  });
}

function condition(text) {
  let expr = String(text ?? 'success()').trim();
  const whole = /^\$\{\{(.*)\}\}$/s.exec(expr);
  if (whole) expr = whole[1];
  // Without a status function GitHub adds success().
  if (!/\b(always|success|failure|cancelled)\(/.test(expr)) expr = `success() && (${expr})`;
  return truthy(evaluate(expr));
}

function readOutputs(file) {
  const outputs = {};
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body = [];
      while (++n < lines.length && lines[n] !== heredoc[2]) body.push(lines[n]);
      outputs[heredoc[1]] = body.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

// --- steps -------------------------------------------------------------------------------------
const result = { steps: [], uses: [], outputs: {} };
const scratch = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'steps-'));
action.runs.steps.forEach((step, n) => {
  const id = step.id || `__step${n}`;
  const record = { id: step.id || '', name: step.name || '', outcome: 'skipped' };
  result.steps.push(record);
  context.steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
  if (!condition(step.if)) return;
  if (step.uses) {
    const withValues = {};
    for (const [k, v] of Object.entries(step.with || {})) withValues[k] = substitute(v);
    result.uses.push({ uses: step.uses, with: withValues });
    record.outcome = 'success';
  } else {
    if (step.shell !== 'bash') throw new Error(`step ${record.name}: only shell: bash is run here`);
    const env = { ...process.env, GITHUB_ACTION_PATH: context.github.action_path };
    for (const [k, v] of Object.entries(step.env || {})) env[k] = substitute(v);
    const script = path.join(scratch, `step${n}.sh`);
    env.GITHUB_OUTPUT = path.join(scratch, `output${n}`);
    fs.writeFileSync(env.GITHUB_OUTPUT, '');
    fs.writeFileSync(script, substitute(step.run));
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      env,
      cwd: step['working-directory'] ? substitute(step['working-directory']) : process.env.GITHUB_WORKSPACE,
      stdio: 'inherit',
    });
    const code = run.status === null ? 128 : run.status;
    context.steps[id].outputs = readOutputs(env.GITHUB_OUTPUT);
    record.outcome = code === 0 ? 'success' : 'failure';
    if (code !== 0 && failedCode === 0) failedCode = code;
  }
  context.steps[id].outcome = record.outcome;
  context.steps[id].conclusion = record.outcome;
});
for (const [name, spec] of Object.entries(action.outputs || {})) result.outputs[name] = substitute(spec.value);
fs.writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(failedCode);
