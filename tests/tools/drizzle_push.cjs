// drizzle_push.cjs: runs the real `drizzle-kit push` and answers its rename questions, for
// miglint's tests. Run it through drizzle_push.sh, which installs the tools and sets NODE_PATH.
//
//   node drizzle_push.cjs KIT_BIN CONFIG [--rename OLD=NEW]...
//
// push asks "Is X table created or renamed from another table?" (and the same of columns, enums,
// schemas, sequences, views, policies, roles) whenever an object appeared and another of its kind
// disappeared. Those questions are drawn by drizzle-kit's terminal UI, which needs a terminal, and
// drizzle-kit/api's pushSchema() asks them the same way. So push runs under `script`, which gives
// it a pseudo-terminal; this program reads the screen and, for each question, moves the cursor to
// the option "OLD › NEW" when --rename OLD=NEW was given (names as push shows them: bare, or
// schema.name outside public), else keeps the first option, "create". --force approves data loss
// without asking; --verbose shows the statements. Any other question is unexpected: push is
// stopped once its screen has been still for 20 seconds.
//
// Prints push's screen (ANSI codes removed) on stdout and exits with push's exit code (1 when it
// was stopped, 2 on a usage error).
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');

const [kitBin, config, ...rest] = process.argv.slice(2);
if (!kitBin || !config) {
  console.error('usage: node drizzle_push.cjs KIT_BIN CONFIG [--rename OLD=NEW]...');
  process.exit(2);
}
const renames = [];
for (let i = 0; i < rest.length; i++) {
  const pair = rest[i] === '--rename' ? rest[++i] : undefined;
  if (!pair || !pair.includes('=')) {
    console.error(`drizzle_push: expected --rename OLD=NEW, got ${rest[i] ?? 'nothing'}`);
    process.exit(2);
  }
  const [from, to] = pair.split('=');
  renames.push({ from, to });
}

const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const command = `node ${quote(kitBin)} push --force --verbose --config ${quote(path.basename(config))}`;
// -q: no banner; -e: push's exit code; -f: flush at once; /dev/null: no typescript file kept.
const child = spawn('script', ['-qefc', command, '/dev/null'], {
  cwd: path.dirname(path.resolve(config)),
  env: { ...process.env, TERM: 'xterm', COLUMNS: '200' },
  stdio: ['pipe', 'pipe', 'inherit'],
});

const strip = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
let screen = '';        // everything push printed, without ANSI codes
let quiet;              // timer: the screen has been still for a moment
let stuck;              // timer: nothing happened for 20 seconds
let from = 0;           // the screen before this offset holds questions already answered
let waiting = false;    // an answer was typed and push has not yet said what it will do

const QUESTION = /Is (\S+) (\w+)[^\n?]* created or renamed from another[^\n?]*\?/;
// What push prints once a question is answered (the prompt redraws itself until then).
const RESOLVED = /will be (created|renamed|moved|renamed\/moved)[^\n]*\n/;

// The options of a question, in the order drawn: "create" first, then one per rename.
function optionsAfter(text) {
  return text.split('\n').slice(1).filter((line) => /create|rename/.test(line)).map((line) => line.trim());
}

function answer() {
  if (waiting) {
    const done = RESOLVED.exec(screen.slice(from));
    if (!done) return;
    from += done.index + done[0].length;
    waiting = false;
  }
  const question = QUESTION.exec(screen.slice(from));
  if (!question) return;
  const options = optionsAfter(screen.slice(from + question.index));
  const wanted = renames.find((r) => r.to === question[1]);
  let choice = 0;
  if (wanted) {
    choice = options.findIndex((o) => o.includes(`${wanted.from} › ${wanted.to}`));
    if (choice < 0) {
      console.error(`drizzle_push: push offers no rename ${wanted.from} › ${wanted.to}: ${options.join(' | ')}`);
      child.kill('SIGTERM');
      return;
    }
  }
  from += question.index + question[0].length;
  waiting = true;
  const keys = [...Array(choice).fill('\x1b[B'), '\r'];
  // One key at a time, as a person types: the prompt redraws between keys.
  keys.forEach((key, i) => setTimeout(() => child.stdin.write(key), 100 * (i + 1)));
}

function watchdog() {
  clearTimeout(stuck);
  stuck = setTimeout(() => {
    console.error('drizzle_push: push waits for an answer this program does not know; stopped');
    child.kill('SIGTERM');
  }, 20000);
}

child.stdout.on('data', (chunk) => {
  screen += strip(chunk.toString('utf8'));
  clearTimeout(quiet);
  // Answer once the question and its options are drawn (the screen stays still for a moment).
  quiet = setTimeout(answer, 300);
  watchdog();
});
watchdog();

child.on('exit', (code, signal) => {
  clearTimeout(quiet);
  clearTimeout(stuck);
  process.stdout.write(screen);
  child.stdin.end();
  process.exit(signal ? 1 : code ?? 1);
});
