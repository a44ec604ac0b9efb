#!/usr/bin/env node
'use strict';
// Runs the mocha suite. As root, the whole run moves into a network namespace of
// its own (unshare --net), so tests that add and delete routes can never touch the
// host's table; test/support/netns.ts double-checks that before any such test runs.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = [mocha, ...process.argv.slice(2)];
const env = { ...process.env };

let cmd = process.execPath;
let argv = args;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && process.platform === 'linux' && !env.PFROUTE_TEST_NETNS) {
  const probe = spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' });
  if (probe.status === 0) {
    env.PFROUTE_TEST_NETNS = 'unshare';
    // The namespace we leave: tests refuse to touch routes if they are still in it.
    env.PFROUTE_TEST_HOST_NETNS = require('node:fs').readlinkSync('/proc/self/ns/net');
    cmd = 'unshare';
    argv = ['--net', '--', process.execPath, ...args];
  } else {
    console.error('test: unshare --net is not available; namespace tests will be skipped');
  }
}
const r = spawnSync(cmd, argv, { stdio: 'inherit', env, cwd: root });
if (r.error) {
  console.error(`test: could not start mocha: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status === null ? 1 : r.status);
