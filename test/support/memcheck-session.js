'use strict';
// The session scripts/memcheck.sh runs under valgrind: the shim through its whole
// life cycle, on the built dist/ (no tsx, so no esbuild child under valgrind).
//   open/close cycles (listening and request-only), requests pending at close,
//   a dump, an adopted SOCK_SEQPACKET pair carrying darwin messages (and a
//   malformed one), and a RouteMonitor session with a resync.
const { RouteSocket, listRoutes, listInterfaces } = require('../../dist/index.js');
const { RouteMonitor } = require('../../dist/monitor.js');
const { native } = require('../../dist/native.js');
const { encodeRouteMessage } = require('../../dist/bsd/index.js');

const cycles = Number(process.env.MEMCHECK_CYCLES || 300);

function noop(seq) {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(16, 0);
  b.writeUInt16LE(1, 4);
  b.writeUInt16LE(1, 6);
  b.writeUInt32LE(seq, 8);
  return b;
}

async function main() {
  for (let i = 0; i < cycles; i++) {
    const s = RouteSocket.open(i % 2 ? { groups: [] } : {});
    if (i % 10 === 0) {
      const seq = s.nextSeq();
      const p = s.request(noop(seq), { seq, expect: 'ack', timeout: 5000 }).catch(() => {});
      s.close();
      await p;
    } else s.close();
  }
  const routes = await listRoutes();
  const ifs = await listInterfaces();

  const n = native();
  const [a, b] = n.socketPair(n.constants.SOCK_SEQPACKET);
  const rx = RouteSocket.adopt(a, { platform: 'darwin' });
  const tx = RouteSocket.adopt(b, { platform: 'darwin' });
  let got = 0;
  rx.on('error', () => {});
  rx.on('message', () => got++);
  const msg = encodeRouteMessage({ type: 'add', flags: 0x803, seq: 1, addrs: { dst: { family: 'inet', address: '198.51.100.0' }, gateway: { family: 'inet', address: '192.0.2.1' } } }, 'darwin');
  for (let i = 0; i < 200; i++) tx.send(msg);
  tx.send(Buffer.from([1, 0])); // malformed: a DecodeError, reading goes on
  tx.send(msg);
  // Slow under valgrind: wait for all 201 valid messages (the malformed one is an 'error').
  for (let t = 0; t < 300 && got < 201; t++) await new Promise((r) => setTimeout(r, 100));
  rx.close();
  tx.close();

  // Worker threads opening and closing sockets concurrently, each ending on its own.
  const { Worker } = require('node:worker_threads');
  const workerCode = `
    const { RouteSocket } = require(${JSON.stringify(require.resolve('../../dist/socket.js'))});
    for (let i = 0; i < 20; i++) RouteSocket.open(i % 2 ? { groups: [] } : {}).close();
    require('node:worker_threads').parentPort.postMessage('done');
  `;
  const exits = await Promise.all(
    [0, 1].map(
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(workerCode, { eval: true });
          w.on('error', reject);
          w.on('exit', resolve);
        }),
    ),
  );
  if (exits.some((c) => c !== 0)) throw new Error(`worker exit codes ${exits}`);

  const m = await RouteMonitor.start({ receiveBufferSize: 32 * 1024, debounceMs: 10 });
  await m.resync();
  const size = m.size;
  m.close();
  console.log(JSON.stringify({ cycles, routes: routes.length, interfaces: ifs.length, adoptedMessages: got, workers: exits.length, monitorRoutes: size }));
}
main().catch((e) => {
  console.error(e && e.stack);
  process.exit(1);
});
