/**
 * Monitor: a RouteSocket listening to inet routes while another process (`ip -batch`, fed at a
 * fixed rate) adds routes. Counts delivered events vs changes made, ENOBUFS 'overflow' events,
 * the delay from each change's due time to its event, and, after loss, a resync (listRoutes).
 * usage: monitor.ts <rate/s> <seconds> [receiveBufferSize]
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { listRoutes } from '../dist/list';
import { RouteSocket } from '../dist/socket';
import { emit, hasTaskset, nowNs, requireNetns, ROOT, setupVeth, stats } from './lib';

async function main(): Promise<void> {
  requireNetns();
  setupVeth();
  const rate = Number(process.argv[2] ?? 1000);
  const seconds = Number(process.argv[3] ?? 2);
  const rcvbuf = process.argv[4] ? Number(process.argv[4]) : undefined;
  const count = Math.min(131072, Math.round(rate * seconds));
  const sock = RouteSocket.open(rcvbuf ? { groups: ['inet-route'], receiveBufferSize: rcvbuf } : { groups: ['inet-route'] });
  const t0 = nowNs() + 400e6;
  const seen = new Uint8Array(count);
  const delays: number[] = [];
  let delivered = 0;
  let overflows = 0;
  let last = nowNs();
  sock.on('overflow', () => overflows++);
  sock.on('add', (m) => {
    const d = m.destination;
    if (d === undefined || !d.startsWith('198.1') || !d.endsWith('/32')) return;
    const p = d.slice(0, -3).split('.');
    const i = ((Number(p[1]) - 18) << 16) | (Number(p[2]) << 8) | Number(p[3]);
    if (i < 0 || i >= count || seen[i]) return;
    seen[i] = 1;
    delivered++;
    const now = nowNs();
    last = now;
    delays.push(now - (t0 + (i * 1e9) / rate));
  });
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'bench', 'monitor-producer.ts'), String(t0), String(rate), String(count)];
  const argv = hasTaskset() ? ['taskset', '-c', '0', ...node] : node;
  const producer = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  const producerEnd = await new Promise<number>((resolve) => producer.on('close', () => resolve(nowNs())));
  // Drain: wait until every event arrived or nothing came for 500 ms.
  while (delivered < count && nowNs() - last < 500e6) await new Promise((r) => setTimeout(r, 50));
  sock.close();
  const achievedRate = count / ((producerEnd - t0) / 1e9);
  let resync: { routes: number; complete: boolean; ms: number } | null = null;
  if (delivered < count) {
    const t = nowNs();
    const routes = await listRoutes({ family: 'inet' });
    const n = routes.filter((r) => r.destination.startsWith('198.1') && r.destination.endsWith('/32')).length;
    resync = { routes: n, complete: n === count, ms: (nowNs() - t) / 1e6 };
  }
  emit({ rate, count, achievedRate, delivered, lost: count - delivered, overflows, delay: delays.length ? stats(delays) : null, resync, receiveBufferSize: rcvbuf ?? 'default' });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
