/**
 * Producer for bench/monitor.ts: feeds `ip -batch -` one route add per slot of a fixed
 * schedule (change i is due at t0 + i/rate on the shared monotonic clock), so the consumer
 * knows when each change was made without any channel between them.
 * usage: monitor-producer.ts <t0 ns> <rate/s> <count>
 */
import { spawn } from 'node:child_process';
import { hostRoute, nowNs, requireNetns } from './lib';

requireNetns();
const t0 = Number(process.argv[2]);
const rate = Number(process.argv[3]);
const count = Number(process.argv[4]);
const child = spawn('ip', ['-batch', '-'], { stdio: ['pipe', 'ignore', 'inherit'] });
let next = 0;
function tick(): void {
  const due = Math.min(count, Math.floor(((nowNs() - t0) * rate) / 1e9) + 1);
  let s = '';
  for (; next < due; next++) s += `route add ${hostRoute(next)}/32 via 192.0.2.2\n`;
  if (s) child.stdin.write(s);
  if (next >= count) {
    child.stdin.end();
    return;
  }
  setImmediate(tick);
}
const wait = (t0 - nowNs()) / 1e6;
setTimeout(tick, Math.max(0, wait));
child.on('close', (code) => process.exit(code ?? 1));
