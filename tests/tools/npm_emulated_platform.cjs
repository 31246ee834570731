// Loaded with `node --require` by npm_packages_test.sh, for a package of another architecture than
// this machine's (the arm64 one, cross-compiled): the launcher then sees MIGLINT_NPM_PLATFORM's
// architecture as its own and picks that package as it would there, and the binary it starts runs
// through MIGLINT_NPM_EMULATOR (qemu-user), since this machine cannot execute it itself.
'use strict';

const childProcess = require('child_process');

const platform = process.env.MIGLINT_NPM_PLATFORM;
const emulator = process.env.MIGLINT_NPM_EMULATOR;
const arch = platform.slice(platform.indexOf('-') + 1);
Object.defineProperty(process, 'arch', { value: arch, configurable: true });

// Only the binary of that platform's package goes through the emulator; npm's own children do not.
const spawn = childProcess.spawn;
childProcess.spawn = function spawnEmulated(file, args, options) {
  if (typeof file === 'string' && file.includes(`@miglint/${platform}/`)) {
    return spawn.call(this, emulator, [file, ...(args || [])], options);
  }
  return spawn.apply(this, arguments);
};
