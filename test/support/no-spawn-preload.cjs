'use strict';
// Preload (node --require) for test/security.test.ts: replaces every process-starting
// function of child_process with a recorder that appends the call to
// $PFROUTE_SPAWN_LOG and throws, so a library or CLI run that tried to start a
// process (or a shell) is caught and counted.
const fs = require('node:fs');
const cp = require('node:child_process');
const log = process.env.PFROUTE_SPAWN_LOG;
for (const name of ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync', 'execFileSync']) {
  cp[name] = function recorded(...args) {
    const line = JSON.stringify({ name, args: args.map((a) => (typeof a === 'function' ? '[function]' : a)) });
    if (log) fs.appendFileSync(log, line + '\n');
    throw new Error(`pfroute security test: child_process.${name} called: ${line}`);
  };
}
// ES module named imports of node:child_process see the replacements too.
require('node:module').syncBuiltinESMExports();
if (log) fs.appendFileSync(log, '');
