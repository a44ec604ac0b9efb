'use strict';
// Worker script: the shim in a worker thread. mode 'dump' opens, dumps links,
// closes and lets the worker end; mode 'leave-open' keeps a ref'd polling socket
// and calls process.exit(0), so the env cleanup hook must close it.
require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');
const { native } = require('../../lib/native.ts');
const { dumpLinks } = require('./native-netlink.ts');

const b = native();
dumpLinks(b, 4242, workerData.mode === 'leave-open').then(
  (r) => {
    const links = r.messages.filter((m) => m.type === 16).map((m) => m.ifIndex);
    const done = r.messages.some((m) => m.type === 3);
    parentPort.postMessage({ links, done, portId: r.portId, fd: r.socket.fd });
    if (workerData.mode === 'leave-open') {
      r.socket.start(); // still polling, still ref'd
      process.exit(0);
    }
  },
  (err) => {
    parentPort.postMessage({ error: String(err && err.stack) });
  },
);
