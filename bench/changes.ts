/**
 * Route changes: adds per second through addRoute, sequential (await each) and pipelined
 * (Promise.all of N, the socket's maxInFlight window), vs one `ip -batch` of the same adds.
 */
import { addRoute, closeSharedSocket } from '../dist/routes';
import { emit, hostRoute, ip, ipBatch, nowNs, requireNetns, setupVeth, stats } from './lib';

function flush(): void {
  ip('route', 'flush', 'root', '198.18.0.0/15');
}

async function main(): Promise<void> {
  requireNetns();
  setupVeth();
  const rounds = Number(process.argv[2] ?? 5);
  const nSeq = Number(process.argv[3] ?? 2000);
  const nPipe = Number(process.argv[4] ?? 20000);
  const seq: number[] = [];
  const pipe: number[] = [];
  const batch: number[] = [];
  for (let r = -1; r < rounds; r++) {
    flush();
    let t = nowNs();
    for (let i = 0; i < nSeq; i++) await addRoute({ destination: hostRoute(i) + '/32', gateway: '192.0.2.2' });
    const a = nowNs() - t;
    flush();
    const specs = Array.from({ length: nPipe }, (_, i) => ({ destination: hostRoute(i) + '/32', gateway: '192.0.2.2' }));
    t = nowNs();
    await Promise.all(specs.map((s) => addRoute(s)));
    const b = nowNs() - t;
    flush();
    let lines = '';
    for (let i = 0; i < nPipe; i++) lines += `route add ${hostRoute(i)}/32 via 192.0.2.2\n`;
    t = nowNs();
    ipBatch(lines);
    const c = nowNs() - t;
    if (r >= 0) {
      seq.push(nSeq / (a / 1e9));
      pipe.push(nPipe / (b / 1e9));
      batch.push(nPipe / (c / 1e9));
    }
  }
  closeSharedSocket();
  emit({ nSeq, nPipe, sequential: stats(seq), pipelined: stats(pipe), ipBatch: stats(batch) });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
