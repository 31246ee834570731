#!/usr/bin/env node
// Runs the prebuilt miglint binary of this platform's package (@miglint/<platform>-<arch>, an
// optional dependency) with this process's arguments, standard streams and exit status.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

// The packages of npm/platforms/, one per <process.platform>-<process.arch> (and the launcher's
// optionalDependencies).
const SUPPORTED = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

function fail(message) {
  process.stderr.write(`miglint: error: ${message}\n`);
  process.exit(2);
}

// The Linux binaries are built for glibc; musl systems (Alpine) cannot run them.
function libcProblem() {
  if (process.platform !== 'linux' || !process.report || typeof process.report.getReport !== 'function') return null;
  const header = process.report.getReport().header || {};
  if (header.glibcVersionRuntime) return null;
  return 'this Linux has no glibc (musl, as on Alpine?); miglint\'s Linux binaries need glibc 2.34 or newer';
}

function binaryPath() {
  if (process.env.MIGLINT_BINARY) return process.env.MIGLINT_BINARY;
  const target = `${process.platform}-${process.arch}`;
  if (!SUPPORTED.includes(target)) {
    fail(`there is no prebuilt miglint for ${target} (there is for ${SUPPORTED.join(', ')}). ` +
         'Build it from source (see the README), then set MIGLINT_BINARY to the binary\'s path.');
  }
  const problem = libcProblem();
  if (problem) fail(`${problem}. Build miglint from source, then set MIGLINT_BINARY to the binary's path.`);
  const name = `@miglint/${target}`;
  let packageJson;
  try {
    packageJson = require.resolve(`${name}/package.json`);
  } catch (e) {
    fail(`the package ${name}, which holds miglint's binary for this platform, is not installed. ` +
         'It is an optional dependency of miglint: install again without --omit=optional or --no-optional ' +
         '(a lockfile made on another platform can leave it out too).');
  }
  const binary = path.join(path.dirname(packageJson), 'bin', process.platform === 'win32' ? 'miglint.exe' : 'miglint');
  if (!fs.existsSync(binary)) fail(`${name} is installed but has no ${binary}; reinstall it.`);
  return binary;
}

const child = spawn(binaryPath(), process.argv.slice(2), { stdio: 'inherit', windowsHide: true });

// Signals sent to this process go on to miglint, which decides how to end.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
const forward = (signal) => { if (child.pid) child.kill(signal); };
for (const signal of forwarded) {
  try { process.on(signal, forward); } catch (e) { /* not a signal on this platform */ }
}

child.on('error', (e) => fail(`could not run ${child.spawnfile}: ${e.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so the caller sees what the binary's caller would have seen.
    for (const s of forwarded) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    // A signal Node keeps for itself: the shell's convention instead.
    const number = require('os').constants.signals[signal] || 1;
    setTimeout(() => process.exit(128 + number), 100);
    return;
  }
  process.exit(code === null ? 2 : code);
});
