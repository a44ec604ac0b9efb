'use strict';
// Worker script for test/resources.test.ts: open and close RouteSockets in a loop
// (every 10th with a request left pending at close), then report and end.
require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');
const { RouteSocket } = require('../../lib/socket.ts');

async function run() {
  let rejected = 0;
  for (let i = 0; i < workerData.cycles; i++) {
    const s = RouteSocket.open({ groups: [] });
    if (i % 10 === 0) {
      const seq = s.nextSeq();
      const noop = Buffer.alloc(16);
      noop.writeUInt32LE(16, 0);
      noop.writeUInt16LE(1, 4); // NLMSG_NOOP
      noop.writeUInt16LE(1, 6); // NLM_F_REQUEST, no ACK: never answered
      noop.writeUInt32LE(seq, 8);
      const p = s.request(noop, { seq, expect: 'ack', timeout: 10000 }).catch((e) => {
        if (e.code === 'ERR_SOCKET_CLOSED') rejected++;
      });
      s.close();
      await p;
    } else {
      s.close();
    }
    if (i % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  parentPort.postMessage({ cycles: workerData.cycles, rejected });
}
run().catch((e) => parentPort.postMessage({ error: String(e && e.stack) }));
