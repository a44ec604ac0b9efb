'use strict';
// Worker script for test/native.test.ts: Buffer.allocUnsafe is replaced (by one that
// returns plain Uint8Arrays) before the shim loads in this environment; the datagrams
// read must still be real Buffers with their bytes.
require('tsx/cjs');
const { parentPort } = require('node:worker_threads');

Buffer.allocUnsafe = (n) => new Uint8Array(n);
const { native } = require('../../lib/native.ts');

try {
  const b = native();
  const [x, y] = b.socketPair(b.constants.SOCK_SEQPACKET);
  const got = [];
  const rx = new b.Socket(x, (err, dgrams) => {
    if (err) {
      parentPort.postMessage({ error: String(err) });
      return;
    }
    got.push(...dgrams);
    if (got.length < 2) return;
    parentPort.postMessage({
      isBuffer: got.every((d) => Buffer.isBuffer(d) && typeof d.readUInt32LE === 'function'),
      text: got[0].toString(),
      lengths: got.map((d) => d.length),
    });
    rx.close();
    tx.close();
  }, 16);
  const tx = new b.Socket(y, () => {}, 1);
  tx.send(Buffer.from('hello'));
  tx.send(new Uint8Array(3000));
  rx.start();
} catch (e) {
  parentPort.postMessage({ error: String(e && e.stack) });
}
