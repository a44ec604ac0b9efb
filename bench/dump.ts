/**
 * Table dump: listRoutes of 100,000 routes (time and heap bytes per route, result retained)
 * vs `ip -j route show` (spawned, output read) vs a C netlink dump counting messages (the limit).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { listRoutes } from '../dist/list';
import { compileC, emit, loadRoutes, nowNs, requireNetns, setupVeth, stats } from './lib';

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  requireNetns();
  if (!gc) throw new Error('run with --expose-gc');
  const n = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 7);
  setupVeth();
  let t = nowNs();
  loadRoutes(n);
  const loadNs = nowNs() - t;

  // Time first, each round's result dropped before the next: a caller does not usually keep
  // every table it ever listed, and a heap holding earlier results makes every GC of the
  // timed round slower.
  const times: number[] = [];
  let count = 0;
  for (let r = -1; r < rounds; r++) {
    gc();
    t = nowNs();
    const routes = await listRoutes();
    const dt = nowNs() - t;
    count = routes.length;
    if (routes.length < n) throw new Error(`listRoutes returned ${routes.length} < ${n}`);
    if (r >= 0) times.push(dt);
  }
  // Then the heap: every round's result stays alive, so each round's heap growth is what its
  // result retains.
  const heap: number[] = [];
  const keep: unknown[][] = [];
  for (let r = 0; r < Math.min(rounds, 5); r++) {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const routes = await listRoutes();
    keep.push(routes);
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    heap.push((after - before) / routes.length);
  }

  const ipTimes: number[] = [];
  let ipCount = 0;
  for (let r = -1; r < rounds; r++) {
    t = nowNs();
    const p = spawnSync('ip', ['-j', 'route', 'show'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
    const dt = nowNs() - t;
    if (p.status !== 0) throw new Error('ip -j route show failed');
    if (r >= 0) ipTimes.push(dt);
    if (r === 0) ipCount = (JSON.parse(p.stdout.toString()) as unknown[]).length;
  }
  const bin = compileC('nl_dump');
  const c = JSON.parse(execFileSync(bin, [String(rounds)], { encoding: 'utf8' })) as { messages: number };
  emit({ routes: count, ipRoutes: ipCount, loadNs, listRoutes: stats(times), heapBytesPerRoute: stats(heap), ipJson: stats(ipTimes), c });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
